import type { FastifyInstance } from 'fastify';
import { syncRoutes } from './sync/sync.routes';
import { areaRoutes } from './areas/areas.routes';
import { peopleRoutes } from './people/people.routes';
import { referenceRoutes } from './reference/reference.routes';

/**
 * Every module's routes under /api/v1. A new module adds one import and one line
 * here; nothing else in the platform changes.
 */
export async function registerModuleRoutes(v1: FastifyInstance): Promise<void> {
  await v1.register(areaRoutes);
  await v1.register(referenceRoutes);
  await v1.register(peopleRoutes);
  await v1.register(syncRoutes);
}
