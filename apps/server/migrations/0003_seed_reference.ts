import type pg from 'pg';
import { seedReferenceCatalogues } from '../src/modules/reference/reference.seed';

/** Seeds PPKS categories, PSKS kinds and programmes from packages/domain. */
export async function up(client: pg.ClientBase): Promise<void> {
  await seedReferenceCatalogues(client);
}
