import type pg from 'pg';
import { loadAreas } from '../src/modules/areas/areas.loader';

/**
 * Loads the 38 / 514 / 7,285 / 83,762 Kemendagri areas from the idn-area-data
 * package, then builds the secondary indexes over the loaded table.
 */
export async function up(client: pg.ClientBase): Promise<void> {
  await loadAreas(client);
  await client.query(`
    CREATE INDEX area_parent_idx ON area (parent_code, code);
    CREATE INDEX area_level_idx ON area (level, code);
    CREATE INDEX area_code_pattern_idx ON area (code text_pattern_ops);
    CREATE INDEX area_name_search_trgm ON area USING gin (name_search gin_trgm_ops);
    CREATE INDEX area_name_compact_trgm ON area USING gin (name_compact gin_trgm_ops);
    ANALYZE area;
  `);
}
