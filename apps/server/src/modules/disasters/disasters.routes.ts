import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { incidentRoutes } from './incidents.routes';
import { logisticsRoutes } from './logistics.routes';
import { rosterRoutes } from './roster.routes';
import { sitrepRoutes } from './sitrep.routes';
import { victimRoutes } from './victims.routes';

/** Disaster response (issue 9): one plugin for the module's routes. */
export const disasterRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(incidentRoutes);
  await app.register(victimRoutes);
  await app.register(logisticsRoutes);
  await app.register(rosterRoutes);
  await app.register(sitrepRoutes);
};
