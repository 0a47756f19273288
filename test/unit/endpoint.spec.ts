import 'reflect-metadata';
import { Body, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Endpoint } from '../../src/common/endpoint';

// A controller is checked as its class is defined, i.e. when the server loads it.
describe('@Endpoint (common/endpoint.ts) refuses a handler argument without a schema', () => {
  it('a body', () => {
    expect(() => {
      class Sample {
        @Endpoint('POST', '', {})
        create(@Body() body: unknown) {
          return body;
        }
      }
      return Sample;
    }).toThrow('Sample.create: @Body() needs `body`');
  });

  it('a query', () => {
    expect(() => {
      class Sample {
        @Endpoint('GET', '', {})
        list(@Query() q: unknown) {
          return q;
        }
      }
      return Sample;
    }).toThrow('Sample.list: @Query() needs `query`');
  });

  it('a path parameter', () => {
    expect(() => {
      class Sample {
        @Endpoint('GET', ':id', { params: { other: z.string() } })
        get(@Param('id') id: string) {
          return id;
        }
      }
      return Sample;
    }).toThrow("Sample.get: @Param('id') needs `params.id` in its @Endpoint.");
  });

  it('and accepts one that names them all', () => {
    expect(() => {
      class Sample {
        @Endpoint('POST', ':id', {
          params: { id: z.string() },
          query: z.object({ q: z.string().optional() }),
          body: z.object({}),
        })
        act(@Param('id') id: string, @Query() q: unknown, @Body() body: unknown) {
          return { id, q, body };
        }
      }
      return Sample;
    }).not.toThrow();
  });
});
