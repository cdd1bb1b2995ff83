import type { FastifyPluginAsync } from 'fastify';
import { privacyBreachRoutes } from './breaches.routes';
import { privacyGovernanceRoutes } from './governance.routes';
import { privacyRequestRoutes } from './requests.routes';

/** The privacy module's routes (issue 11): one plugin for modules/routes.ts. */
export const privacyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(privacyRequestRoutes);
  await app.register(privacyBreachRoutes);
  await app.register(privacyGovernanceRoutes);
};
