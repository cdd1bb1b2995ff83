import type { FastifyInstance } from 'fastify';
import { syncRoutes } from './sync/sync.routes';
import { areaRoutes } from './areas/areas.routes';
import { memberRoutes } from './members/members.routes';
import { orgRoutes } from './org/org.routes';
import { peopleRoutes } from './people/people.routes';
import { personRecordRoutes } from './people/people-records.routes';
import { householdRoutes } from './people/households.routes';
import { caseRoutes } from './cases/cases.routes';
import { planRoutes } from './cases/plans.routes';
import { transferRoutes } from './cases/transfers.routes';
import { formRoutes } from './forms/forms.routes';
import { partnerRoutes } from './partners/partners.routes';
import { referralRoutes } from './referrals/referrals.routes';
import { referenceRoutes } from './reference/reference.routes';
import { programmeRoutes } from './programmes/programmes.routes';
import { usulanRoutes } from './usulan/usulan.routes';
import { distributionRoutes } from './distributions/distributions.routes';
import { complaintRoutes } from './complaints/complaints.routes';
import { importRoutes } from './imports/imports.routes';
import { exportRoutes } from './exports/exports.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { privacyRoutes } from './privacy/privacy.routes';
import { disasterRoutes } from './disasters/disasters.routes';
import { reportRoutes } from './reports/reports.routes';

/**
 * Every module's routes under /api/v1. A new module adds one import and one line
 * here; nothing else in the platform changes.
 */
export async function registerModuleRoutes(v1: FastifyInstance): Promise<void> {
  await v1.register(areaRoutes);
  await v1.register(referenceRoutes);
  await v1.register(peopleRoutes);
  await v1.register(personRecordRoutes);
  await v1.register(householdRoutes);
  await v1.register(caseRoutes);
  await v1.register(planRoutes);
  await v1.register(transferRoutes);
  await v1.register(formRoutes);
  await v1.register(partnerRoutes);
  await v1.register(referralRoutes);
  await v1.register(memberRoutes);
  await v1.register(orgRoutes);
  await v1.register(syncRoutes);
  await v1.register(reportRoutes);
  await v1.register(disasterRoutes);
  await v1.register(programmeRoutes);
  await v1.register(usulanRoutes);
  await v1.register(distributionRoutes);
  await v1.register(complaintRoutes);
  await v1.register(privacyRoutes);
  await v1.register(importRoutes);
  await v1.register(exportRoutes);
  await v1.register(webhookRoutes);
}
