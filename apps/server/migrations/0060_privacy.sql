-- Personal-data duties (UU No. 27/2022 "UU PDP", issue 11): declared purposes,
-- data subject requests, breaches, retention with legal holds, the DPO's contact.

-- Purpose registry: every export, report and integration declares one (checklist point 5).
CREATE TABLE privacy_purpose (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,49}$'),
  label_id        text NOT NULL,
  label_en        text NOT NULL,
  legal_basis     text NOT NULL CHECK (legal_basis IN ('persetujuan', 'perjanjian', 'kewajiban_hukum', 'kepentingan_vital', 'tugas_publik', 'kepentingan_sah')),
  legal_reference text NOT NULL,
  active          boolean NOT NULL DEFAULT true
);
INSERT INTO privacy_purpose (code, label_id, label_en, legal_basis, legal_reference) VALUES
  ('pelayanan_kesos', 'Pelayanan kesejahteraan sosial', 'Social welfare services', 'tugas_publik', 'UU 11/2009 Kesejahteraan Sosial; Permensos 8/2012; UU PDP Pasal 20(2)(e)'),
  ('verifikasi_bansos', 'Verifikasi dan validasi bantuan sosial', 'Verification of social assistance', 'tugas_publik', 'Inpres 4/2025 (DTSEN); UU 13/2011; UU PDP Pasal 20(2)(e)'),
  ('pelaporan_spm', 'Pelaporan Standar Pelayanan Minimal bidang sosial', 'Minimum service standard reporting', 'kewajiban_hukum', 'Permensos 9/2018; PP 2/2018; UU PDP Pasal 20(2)(c)'),
  ('penanganan_bencana', 'Penanganan korban bencana', 'Disaster victim response', 'kepentingan_vital', 'UU 24/2007; Permensos 9/2018 (SPM 5); UU PDP Pasal 20(2)(d)'),
  ('rujukan_layanan', 'Rujukan ke mitra layanan', 'Referral to service partners', 'tugas_publik', 'Permensos 8/2012 (PSKS); UU PDP Pasal 20(2)(e)'),
  ('registri_psm', 'Registri Pekerja Sosial Masyarakat', 'PSM registry', 'tugas_publik', 'Permensos 10/2019; UU PDP Pasal 20(2)(e)'),
  ('permintaan_subjek_data', 'Menjawab permintaan subjek data', 'Answering data subject requests', 'kewajiban_hukum', 'UU PDP Pasal 5–13, 32–34'),
  ('penanganan_insiden', 'Penanganan kegagalan pelindungan data', 'Handling personal data breaches', 'kewajiban_hukum', 'UU PDP Pasal 46'),
  ('audit_keamanan', 'Audit keamanan dan kepatuhan', 'Security and compliance audit', 'kewajiban_hukum', 'UU PDP Pasal 35–39'),
  ('statistik_publik', 'Statistik publik (agregat)', 'Public statistics (aggregates)', 'tugas_publik', 'UU 14/2008 Keterbukaan Informasi Publik; UU PDP Pasal 20(2)(e)');

-- Roles that hold privacy.manage (a copy of ROLE_PERMISSIONS for the database wall
-- below; a test fails when the two drift).
CREATE TABLE privacy_manager_role (role text PRIMARY KEY);
INSERT INTO privacy_manager_role VALUES ('admin'), ('dinsos_kab_head');

-- The controller's office and data protection officer (UU PDP Pasal 53), per area
-- ('ID' for the whole installation, or a regency); shown on the public page.
CREATE TABLE privacy_office (
  area_code   text PRIMARY KEY CHECK (area_code = 'ID' OR area_code ~ '^\d{2}(\.\d{2})?$'),
  office_name text NOT NULL,
  address     text,
  dpo_name    text NOT NULL,
  dpo_email   text NOT NULL,
  dpo_phone   text,
  updated_at  timestamptz NOT NULL,
  updated_by  uuid
);

-- Data subject requests (UU PDP Pasal 5–13, 32–34), 3 × 24 h from receipt.
CREATE TABLE subject_request (
  regency_code      text NOT NULL,
  id                uuid NOT NULL,
  person_id         uuid NOT NULL,
  village_code      text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('access', 'correction', 'deletion', 'restriction', 'consent_withdrawal')),
  status            text NOT NULL CHECK (status IN ('received', 'identity_verified', 'answered', 'refused')),
  channel           text NOT NULL CHECK (channel IN ('kantor', 'psm', 'surat', 'email', 'telepon')),
  requester         text NOT NULL CHECK (requester IN ('subjek', 'orang_tua', 'wali', 'kuasa')),
  details           text,
  received_at       timestamptz NOT NULL,
  due_at            timestamptz NOT NULL,
  identity_method   text CHECK (identity_method IN ('tatap_muka', 'dokumen', 'video', 'kunjungan_psm')),
  identity_document text CHECK (identity_document IN ('ktp', 'kk', 'kia', 'akta_lahir', 'surat_kuasa', 'lainnya')),
  identity_checked_by uuid,
  identity_checked_at timestamptz,
  answered_at       timestamptz,
  answer_summary    text,
  retention_note    jsonb,
  created_at        timestamptz NOT NULL,
  created_by        uuid,
  version           integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX subject_request_id_idx ON subject_request (id);
CREATE INDEX subject_request_open_idx ON subject_request (due_at) WHERE status IN ('received', 'identity_verified');

-- Breach incidents (UU PDP Pasal 46): 3 × 24 h from discovery to notify.
CREATE TABLE breach_incident (
  id             uuid PRIMARY KEY,
  area_code      text NOT NULL CHECK (area_code = 'ID' OR area_code ~ '^\d{2}(\.\d{2})?$'),
  title          text NOT NULL,
  description    text NOT NULL,
  how            text NOT NULL,
  systems        text[] NOT NULL DEFAULT '{}',
  occurred_from  timestamptz,
  occurred_to    timestamptz,
  discovered_at  timestamptz NOT NULL,
  due_at         timestamptz NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'notified', 'closed')),
  notified_at    timestamptz,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX breach_incident_open_idx ON breach_incident (due_at) WHERE status = 'open';

CREATE TABLE breach_affected_person (
  breach_id    uuid NOT NULL REFERENCES breach_incident (id),
  regency_code text NOT NULL,
  person_id    uuid NOT NULL,
  village_code text NOT NULL,
  found_by     jsonb NOT NULL,
  added_at     timestamptz NOT NULL,
  PRIMARY KEY (breach_id, regency_code, person_id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id)
);

CREATE TABLE breach_notice (
  id             uuid PRIMARY KEY,
  breach_id      uuid NOT NULL REFERENCES breach_incident (id),
  audience       text NOT NULL CHECK (audience IN ('subjects', 'authority')),
  data_exposed   text,
  when_and_how   text,
  measures_taken text,
  contact        text,
  status         text NOT NULL CHECK (status IN ('draft', 'ready', 'sent')),
  ready_at       timestamptz,
  updated_at     timestamptz NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (breach_id, audience)
);

CREATE TABLE breach_notice_delivery (
  id           uuid PRIMARY KEY,
  notice_id    uuid NOT NULL REFERENCES breach_notice (id),
  channel      text NOT NULL CHECK (channel IN ('surat', 'email', 'sms', 'kunjungan_psm', 'portal_otoritas')),
  recipients   integer NOT NULL CHECK (recipients >= 0),
  delivered_at timestamptz NOT NULL,
  note         text,
  recorded_by  uuid
);

-- Escalations of the 3 × 24 h timers: at most one per item and level (the notification record).
CREATE TABLE privacy_escalation (
  subject_type text NOT NULL CHECK (subject_type IN ('request', 'breach')),
  subject_id   uuid NOT NULL,
  level        text NOT NULL CHECK (level IN ('near_due', 'overdue')),
  area_code    text NOT NULL,
  due_at       timestamptz NOT NULL,
  raised_at    timestamptz NOT NULL,
  PRIMARY KEY (subject_type, subject_id, level)
);

-- Retention schedule (UU PDP Pasal 43–44), editable, each with its legal basis.
CREATE TABLE retention_rule (
  record_type text PRIMARY KEY,
  label_id    text NOT NULL,
  label_en    text NOT NULL,
  keep_days   integer NOT NULL CHECK (keep_days > 0),
  action      text NOT NULL CHECK (action IN ('flag', 'anonymise', 'delete')),
  legal_basis text NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  updated_at  timestamptz,
  updated_by  uuid
);
INSERT INTO retention_rule (record_type, label_id, label_en, keep_days, action, legal_basis) VALUES
  ('closed_case', 'Orang yang semua kasusnya ditutup', 'Persons whose cases are all closed', 1826, 'anonymise',
   'Arsip layanan kesejahteraan sosial 5 tahun setelah penutupan (kebijakan Dinsos, sesuaikan dengan JRA daerah); angka kasus tetap dalam rollup (Permensos 9/2018)'),
  ('rejected_proposal', 'Usulan bansos yang ditolak', 'Rejected assistance proposals', 730, 'flag',
   'Masa keberatan dan pemeriksaan 2 tahun (kebijakan Dinsos)'),
  ('sync_change', 'Log perubahan sinkronisasi', 'Sync change log', 180, 'delete',
   'Hanya untuk sinkronisasi perangkat; tidak diperlukan setelah 180 hari (UU PDP Pasal 16(2)(c) minimisasi)'),
  ('user_session', 'Sesi login kedaluwarsa', 'Expired sign-in sessions', 30, 'delete',
   'Keamanan sistem; tidak diperlukan setelah kedaluwarsa'),
  ('audit_event', 'Jejak audit', 'Audit trail', 3653, 'flag',
   'Bukti kepatuhan UU PDP (Pasal 31, 35–39) dan kewajiban pelaporan Permensos: disimpan 10 tahun, tidak dihapus otomatis');

-- Legal holds stop retention for a person or a case (e.g. a court case, an inspection).
CREATE TABLE legal_hold (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  target_type  text NOT NULL CHECK (target_type IN ('person', 'case')),
  target_id    uuid NOT NULL,
  village_code text NOT NULL,
  reason       text NOT NULL,
  placed_at    timestamptz NOT NULL,
  placed_by    uuid,
  released_at  timestamptz,
  released_by  uuid,
  PRIMARY KEY (regency_code, id)
);
CREATE INDEX legal_hold_id_idx ON legal_hold (id);
CREATE INDEX legal_hold_target_idx ON legal_hold (regency_code, target_id) WHERE released_at IS NULL;

-- Records the retention run flagged (action 'flag'), for review.
CREATE TABLE retention_flag (
  record_type  text NOT NULL,
  record_key   text NOT NULL,
  area_code    text,
  since        timestamptz NOT NULL,
  flagged_at   timestamptz NOT NULL,
  PRIMARY KEY (record_type, record_key)
);

CREATE TABLE retention_run (
  id         uuid PRIMARY KEY,
  as_of      timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  dry_run    boolean NOT NULL,
  report     jsonb NOT NULL,
  run_by     uuid
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subject_request', 'breach_affected_person', 'legal_hold'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
END $$;

-- Restriction of processing (UU PDP Pasal 11): a restricted person's record is
-- read-only except for a data protection officer (a role in privacy_manager_role
-- over the person's area) or the privacy module's own steps (pilar.privacy_override).
-- The application checks first with a clear message; this is the second wall.
CREATE FUNCTION pilar_privacy_manager(code text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(current_setting('pilar.privacy_override', true), '') = 'on' OR EXISTS (
    SELECT 1 FROM user_grant g JOIN privacy_manager_role r ON r.role = g.role
    WHERE g.user_id::text = coalesce(current_setting('pilar.actor', true), '')
      AND (g.area_code = 'ID' OR code = g.area_code OR code LIKE g.area_code || '.%'))
$$;
REVOKE ALL ON FUNCTION pilar_privacy_manager(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_privacy_manager(text) TO pilar_app;

CREATE POLICY person_restricted_read_only ON person AS RESTRICTIVE FOR UPDATE TO pilar_app
  USING (status <> 'restricted' OR pilar_privacy_manager(village_code))
  WITH CHECK (status <> 'restricted' OR pilar_privacy_manager(village_code));

-- Persons named in list / sync / export audit events (details.ids): access requests
-- and breach queries look them up.
CREATE INDEX audit_event_detail_ids_idx ON audit_event USING gin ((details -> 'ids'));

-- Retention removes old sync log entries (the log is otherwise insert-only for the app),
-- only inside the privacy module's retention step.
CREATE POLICY sync_change_retention ON sync_change FOR DELETE TO pilar_app
  USING (coalesce(current_setting('pilar.privacy_override', true), '') = 'on');
