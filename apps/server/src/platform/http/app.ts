import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { mapTileOrigin, type Config } from '../config';
import type { Db } from '../db/pool';
import { ANONYMOUS, type Actor } from '../access/actor';
import { runAs, systemClock, type Clock, type Ctx, type Services } from '../access/unit-of-work';
import type { IdentifierProtector } from '../security/identifiers';
import { FileStore, MAX_FILE_BYTES } from '../files/files';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import { join as joinPath } from 'node:path';
import { fileRoutes } from '../files/files.routes';
import { JobRunner } from '../jobs/jobs';
import { jobRoutes } from '../jobs/jobs.routes';
import { registerJobKinds } from '../../modules/jobs';
import { actorForUser } from '../../modules/auth/auth.identity';
import { authPlugin } from '../../modules/auth/auth.plugin';
import { errorHandler, notFound, sendProblem, toProblem } from '../errors';
import { healthRoutes } from './health';
import { registerModuleRoutes } from '../../modules/routes';

export interface PilarContext {
  db: Db;
  /** Owner connection (the job queue); defaults to the app pool's URL. */
  ownerUrl?: string;
  config: Config;
  ids: IdentifierProtector;
  clock?: Clock;
}

export interface PilarServices extends Services {
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    pilar: PilarServices;
  }
  interface FastifyRequest {
    /** Who is acting; set by the auth plugin, ANONYMOUS when nobody signed in. */
    actor: Actor;
    /** Runs `fn` as this request's actor in one audited transaction. */
    run<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  }
}

const mapTileSources = (c: Config) => {
  const origin = c.PILAR_MAP_TILE_URL ? mapTileOrigin(c.PILAR_MAP_TILE_URL) : null;
  return origin ? [origin] : [];
};

/**
 * Builds the HTTP surface (ARCHITECTURE.md decision 10): REST + JSON under
 * /api/v1, zod schemas, OpenAPI at /api/docs, problem+json errors, and the
 * built web app at /.
 */
export async function buildApp(ctx: PilarContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false || ctx.config.PILAR_LOG_LEVEL === 'silent'
        ? false
        : {
            level: ctx.config.PILAR_LOG_LEVEL,
            // Never log bodies, query strings or headers: they may hold personal data (UU PDP).
            serializers: {
              req: (req) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
              res: (res) => ({ statusCode: res.statusCode }),
              err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code ?? '', message: err.message, stack: err.stack ?? '' }),
            },
          },
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (bad URL encoding, over-long parameters) get the same problem+json shape.
    frameworkErrors: (err, req, reply) => {
      void sendProblem(reply, toProblem(err, req.id));
    },
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  const services: PilarServices = {
    db: ctx.db,
    config: ctx.config,
    ids: ctx.ids,
    files: new FileStore(joinPath(ctx.config.dataDir, 'files')),
    clock: ctx.clock ?? systemClock,
    jobs: null as unknown as JobRunner,
  };
  services.jobs = registerJobKinds(
    new JobRunner(services, {
      ownerUrl: ctx.ownerUrl ?? String(ctx.db.pool.options.connectionString),
      resolveActor: (userId) => actorForUser(services, userId),
    }),
  );
  app.addHook('onClose', async () => services.jobs.stop());
  app.decorate('pilar', services);
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
  });
  app.decorateRequest('run', function <T>(this: { actor: Actor; id: string }, fn: (c: Ctx) => Promise<T>) {
    return runAs(services, this.actor, this.id, fn);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pilar API',
        version: '1',
        description:
          'Pilar: PSM, IPSM and Dinas Sosial. Errors are application/problem+json (RFC 9457) with messages in Bahasa Indonesia and English.',
      },
      servers: [],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Security headers and a strict Content-Security-Policy for the app (issue 12).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles of the dashboard come from the configured tile server only (issue 7).
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTileSources(ctx.config)],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: ctx.config.NODE_ENV === 'production',
  });
  // Compressible answers (JSON, the app's own HTML/JS/CSS) go br/gzip above 1 KB: a first sync on a weak signal carries thousands of records (issue 6).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  // Swagger UI ships inline scripts and styles: it gets its own (still closed) policy.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformSpecificationClone: true });

  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 5, fields: 50, fieldSize: 64 * 1024 }, throwFileSizeLimit: true });
  await app.register(authPlugin);
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(
    async (v1) => {
      await v1.register(fileRoutes);
      await v1.register(jobRoutes);
      await registerModuleRoutes(v1);
    },
    { prefix: '/api/v1' },
  );

  const webDist = ctx.config.webDist;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api')) {
      // Single-page app: every non-API path renders the shell.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(
      reply,
      toProblem(notFound({ id: `Alamat ${req.method} ${path} tidak ada`, en: `No such endpoint: ${req.method} ${path}` }), req.id),
    );
  });

  return app;
}
