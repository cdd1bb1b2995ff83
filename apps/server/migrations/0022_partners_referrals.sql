-- Referral partners and referrals (issue 5 §7). Partners are organisations in an area
-- (PSKS kinds, puskesmas, Dinsos units, other agencies): reference-like, not personal
-- data. Users with the role `mitra` act for the partners they are linked to.

CREATE TABLE partner (
  id         uuid PRIMARY KEY,
  area_code  text NOT NULL REFERENCES area (code),
  kind       text NOT NULL CHECK (kind IN ('psks', 'puskesmas', 'rumah_sakit', 'dinsos_unit', 'instansi_lain')),
  psks_code  text REFERENCES psks_kind (code),
  name       text NOT NULL,
  address    text,
  phone      text,
  services   text[] NOT NULL DEFAULT '{}',
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  CHECK ((kind = 'psks') = (psks_code IS NOT NULL))
);
CREATE INDEX partner_area_idx ON partner (area_code text_pattern_ops);

CREATE TABLE partner_user (
  partner_id uuid NOT NULL REFERENCES partner (id),
  user_id    uuid NOT NULL,
  linked_at  timestamptz NOT NULL,
  linked_by  uuid,
  PRIMARY KEY (partner_id, user_id)
);
CREATE INDEX partner_user_user_idx ON partner_user (user_id);

CREATE TABLE referral (
  regency_code  text NOT NULL,
  id            uuid NOT NULL,
  case_id       uuid NOT NULL,
  person_id     uuid,
  village_code  text NOT NULL,
  partner_id    uuid NOT NULL REFERENCES partner (id),
  need          text NOT NULL,
  service_code  text REFERENCES service_kind (code),
  status        text NOT NULL CHECK (status IN ('sent', 'accepted', 'rejected', 'completed', 'cancelled')),
  reject_reason text,
  outcome       text,
  sent_at       timestamptz NOT NULL,
  sent_by       uuid,
  responded_at  timestamptz,
  responded_by  uuid,
  completed_at  timestamptz,
  completed_by  uuid,
  version       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id),
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
);
CREATE INDEX referral_id_idx ON referral (id);
CREATE INDEX referral_partner_idx ON referral (partner_id, status);
CREATE INDEX referral_case_idx ON referral (regency_code, case_id);

ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_in_scope ON referral TO pilar_app
  USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code));
-- A partner's users see and answer the referrals addressed to their partner.
CREATE POLICY referral_partner ON referral TO pilar_app
  USING (EXISTS (SELECT 1 FROM partner_user pu
                 WHERE pu.partner_id = referral.partner_id
                   AND pu.user_id = nullif(current_setting('pilar.actor', true), '')::uuid))
  WITH CHECK (EXISTS (SELECT 1 FROM partner_user pu
                      WHERE pu.partner_id = referral.partner_id
                        AND pu.user_id = nullif(current_setting('pilar.actor', true), '')::uuid));

-- Policies are OR-ed: a partner's user may read (only read) the person of a referral
-- addressed to their partner while it is open. The store selects only the minimal
-- fields (name, village, age, need) for them.
CREATE POLICY person_referred ON person FOR SELECT TO pilar_app
  USING (EXISTS (SELECT 1 FROM referral r JOIN partner_user pu ON pu.partner_id = r.partner_id
                 WHERE r.regency_code = person.regency_code AND r.person_id = person.id
                   AND pu.user_id = nullif(current_setting('pilar.actor', true), '')::uuid
                   AND r.status IN ('sent', 'accepted')));
