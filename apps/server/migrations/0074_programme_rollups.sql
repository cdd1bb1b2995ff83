-- Dashboard rollups for programmes (ARCHITECTURE.md decision 8; issue 8 §6), kept by
-- delta upserts in the transaction of every change. Aggregates only: no RLS.
CREATE TABLE programme_membership_rollup (
  regency_code   text NOT NULL,
  village_code   text NOT NULL,
  programme_code text NOT NULL,
  status         text NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, programme_code, status)
);
CREATE INDEX programme_membership_rollup_village_idx ON programme_membership_rollup (village_code text_pattern_ops);

-- Usulan by village × programme × status × month (the batch month once proposed,
-- else the month the draft was made).
CREATE TABLE usulan_rollup (
  regency_code   text NOT NULL,
  village_code   text NOT NULL,
  programme_code text NOT NULL,
  status         text NOT NULL,
  month          date NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, programme_code, status, month)
);
CREATE INDEX usulan_rollup_village_idx ON usulan_rollup (village_code text_pattern_ops);

-- Distributions: expected vs received per recipient village × programme × month held.
CREATE TABLE distribution_rollup (
  regency_code   text NOT NULL,
  village_code   text NOT NULL,
  programme_code text NOT NULL,
  month          date NOT NULL,
  expected       integer NOT NULL,
  received       integer NOT NULL,
  represented    integer NOT NULL,
  absent         integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, programme_code, month)
);
CREATE INDEX distribution_rollup_village_idx ON distribution_rollup (village_code text_pattern_ops);
