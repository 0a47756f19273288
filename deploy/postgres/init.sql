-- Recert's database; Temporal's are on the temporal-postgres service (created by temporal-sql-tool).
CREATE ROLE recert LOGIN PASSWORD 'recert';
CREATE DATABASE recert OWNER recert;
