import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Put,
  UsePipes,
  type ArgumentMetadata,
  type PipeTransform,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { z } from 'zod';
import { Public, type Role, Roles } from '../auth/roles';
import { openApiResponse, openApiSchema } from './openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Status = 200 | 201 | 204;
type ParameterSchema = Extract<Parameters<typeof ApiQuery>[0], { schema: unknown }>['schema'];

const ROUTE = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

/** A body the handler reads itself (XML, streamed files): documented here, parsed where it is read. */
export interface BodyDoc {
  schema: z.ZodType | 'binary';
  description?: string;
  /** Media types besides JSON, or instead of it. */
  consumes?: string[];
  /** false: the body may be left out. */
  required?: false;
  /** Checked against `schema` before the handler runs (the default), or read by the handler. */
  readBy?: 'endpoint' | 'handler';
}

export interface ResponseDoc {
  schema: z.ZodType;
  description?: string;
}

export interface EndpointOptions {
  summary?: string;
  description?: string;
  /** Who may call it; without them, any person (see AuthGuard); the controller's `Resource` may name them. */
  roles?: readonly Role[];
  /** Path parameters, by name: `@Param('id')` receives the parsed value, or the caller a 400. */
  params?: Record<string, z.ZodType>;
  /** `@Query()` receives the parsed object; its fields are the operation's query parameters. */
  query?: z.ZodObject;
  /** `@Body()` receives the parsed body. */
  body?: z.ZodType | BodyDoc;
  /** The status of a success, when not Nest's default for the method (201 for POST, else 200). */
  status?: Status;
  /** The answer, under the success status. */
  response?: z.ZodType;
  /** The answers when the status tells the outcome (created, or found again). */
  responses?: Partial<Record<200 | 201, ResponseDoc>>;
  /** Media types other than JSON it answers with. */
  produces?: string[];
}

/** Validates each argument the route declares against its schema; other arguments pass untouched. */
class EndpointPipe implements PipeTransform {
  private readonly params: Map<string, ZodValidationPipe<z.ZodType>>;
  private readonly query?: ZodValidationPipe<z.ZodType>;
  private readonly body?: ZodValidationPipe<z.ZodType>;

  constructor(options: EndpointOptions) {
    this.params = new Map(
      Object.entries(options.params ?? {}).map(([name, schema]) => [name, new ZodValidationPipe(schema)]),
    );
    if (options.query) this.query = new ZodValidationPipe(options.query, 'query');
    const body = bodySchema(options.body);
    if (body) this.body = new ZodValidationPipe(body);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const pipe =
      metadata.type === 'param' && metadata.data
        ? this.params.get(metadata.data)
        : metadata.type === 'query' && !metadata.data
          ? this.query
          : metadata.type === 'body' && !metadata.data
            ? this.body
            : undefined;
    return pipe ? pipe.transform(value, metadata) : value;
  }
}

function isBodyDoc(body: EndpointOptions['body']): body is BodyDoc {
  return typeof body === 'object' && body !== null && 'schema' in body && !('safeParse' in body);
}

/** The schema `@Body()` is checked against, unless the handler reads the body itself. */
function bodySchema(body: EndpointOptions['body']): z.ZodType | undefined {
  if (!body) return undefined;
  if (!isBodyDoc(body)) return body;
  return body.readBy === 'handler' || body.schema === 'binary' ? undefined : body.schema;
}

function bodyDecorators(body: EndpointOptions['body']): MethodDecorator[] {
  if (!body) return [];
  const doc: BodyDoc = isBodyDoc(body) ? body : { schema: body };
  const schema = doc.schema === 'binary' ? { type: 'string', format: 'binary' } : openApiSchema(doc.schema);
  return [
    ...(doc.consumes ? [ApiConsumes(...doc.consumes)] : []),
    ApiBody({
      schema,
      ...(doc.description ? { description: doc.description } : {}),
      ...(doc.required === false ? { required: false } : {}),
    }),
  ];
}

/** The query schema's fields, as the operation's query parameters: one schema checks and documents. */
function queryDecorators(query: z.ZodObject | undefined): MethodDecorator[] {
  if (!query) return [];
  const json = openApiSchema(query) as { properties?: Record<string, ParameterSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const required = json.required?.includes(name) ?? false;
    // A field of any value (its handler checks it) is described as the parameter, where clients show it.
    const { description, ...rest } = schema as { description?: string };
    if (description !== undefined && Object.keys(rest).length === 0) {
      return ApiQuery({ name, required, description, schema: rest });
    }
    return ApiQuery({ name, required, schema });
  });
}

function responseDecorators(method: Method, options: EndpointOptions): MethodDecorator[] {
  const status = options.status ?? (method === 'POST' ? 201 : 200);
  const responses: [number, ResponseDoc][] = Object.entries(options.responses ?? {}).map(([s, doc]) => [
    Number(s),
    doc,
  ]);
  if (options.response) responses.push([status, { schema: options.response }]);
  return responses.map(([s, doc]) =>
    ApiResponse({
      status: s,
      schema: openApiResponse(doc.schema),
      ...(doc.description ? { description: doc.description } : {}),
    }),
  );
}

interface RouteArgument {
  index: number;
  data?: unknown;
}

/**
 * Fails at start-up when the handler takes a body, query or path parameter the endpoint has no schema
 * for: nothing reaches a handler unchecked.
 */
function checkArguments(options: EndpointOptions): MethodDecorator {
  return (target, key) => {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
      string,
      RouteArgument
    >;
    const where = `${target.constructor.name}.${String(key)}`;
    for (const [slot, arg] of Object.entries(args)) {
      const type = Number(slot.split(':')[0]);
      const missing =
        (type === RouteParamtypes.BODY &&
          (arg.data !== undefined || !options.body) &&
          '@Body() needs `body` (and takes no name)') ||
        (type === RouteParamtypes.QUERY &&
          (arg.data !== undefined || !options.query) &&
          '@Query() needs `query` (and takes no name)') ||
        (type === RouteParamtypes.PARAM &&
          !(typeof arg.data === 'string' && options.params?.[arg.data]) &&
          `@Param('${String(arg.data)}') needs \`params.${String(arg.data)}\``);
      if (missing) throw new Error(`${where}: ${missing} in its @Endpoint.`);
    }
  };
}

/**
 * One route: its method and path, who may call it, the schemas its path parameters, query and body are
 * checked against (a 400 problem otherwise), its success status and answer, and what the OpenAPI document
 * says of it, all from the same zod schemas.
 */
export function Endpoint(method: Method, path: string, options: EndpointOptions = {}): MethodDecorator {
  const validates = options.params || options.query || bodySchema(options.body);
  return applyDecorators(
    ROUTE[method](path),
    checkArguments(options),
    ...(options.status ? [HttpCode(options.status)] : []),
    ...(options.roles ? [Roles(...options.roles)] : []),
    ...(options.summary || options.description
      ? [
          ApiOperation({
            ...(options.summary ? { summary: options.summary } : {}),
            ...(options.description ? { description: options.description } : {}),
          }),
        ]
      : []),
    ...(validates ? [UsePipes(new EndpointPipe(options))] : []),
    ...queryDecorators(options.query),
    ...bodyDecorators(options.body),
    ...responseDecorators(method, options),
    ...(options.produces ? [ApiProduces(...options.produces)] : []),
  );
}

export interface ResourceOptions {
  /** The OpenAPI tag its routes are listed under. */
  tag: string;
  /** Roles for every route, unless a route names its own. */
  roles?: readonly Role[];
  /** Anyone may call it, signed in or not (sign-in itself, health, metrics, the demo's load). */
  public?: true;
}

/** A controller: its path, its OpenAPI tag, and how its callers are identified. */
export function Resource(path: string, options: ResourceOptions): ClassDecorator {
  return applyDecorators(
    Controller(path),
    ApiTags(options.tag),
    ...(options.public ? [Public()] : [ApiBearerAuth()]),
    ...(options.roles ? [Roles(...options.roles)] : []),
  );
}
