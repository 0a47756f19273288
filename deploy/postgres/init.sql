-- One PostgreSQL server, three databases: Recert's own and Temporal's (created by temporal-sql-tool).
CREATE ROLE recert LOGIN PASSWORD 'recert';
CREATE DATABASE recert OWNER recert;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD 'temporal';
