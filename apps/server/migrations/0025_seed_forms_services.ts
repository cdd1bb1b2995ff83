import type pg from 'pg';
import { seedCaseCatalogues } from '../src/modules/forms/forms.seed';

/** Seeds the SPM service catalogue and the shipped assessment forms (version 1). */
export async function up(client: pg.ClientBase): Promise<void> {
  await seedCaseCatalogues(client);
}
