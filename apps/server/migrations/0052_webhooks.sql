-- Webhooks (issue 10). Events reach the outbox through a trigger on audit_event: every
-- change is audited in the transaction that makes it (ARCHITECTURE.md decision 4), so
-- the outbox row commits exactly when the change does, and no service had to change.
-- Payloads hold ids, the event type, the area and non-sensitive fields only.
CREATE TABLE webhook_subscription (
  id                   uuid PRIMARY KEY,
  name                 text NOT NULL,
  url                  text NOT NULL,
  events               text[] NOT NULL,
  area_code            text NOT NULL,
  -- The HMAC key signing deliveries: it must be readable to sign; shown to the owner once.
  secret               text NOT NULL,
  active               boolean NOT NULL DEFAULT true,
  disabled_reason      text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  created_by           uuid NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX webhook_subscription_area_idx ON webhook_subscription (area_code text_pattern_ops);

CREATE TABLE webhook_outbox (
  id           bigserial PRIMARY KEY,
  event_type   text NOT NULL,
  area_code    text,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  fanned_out   boolean NOT NULL DEFAULT false,
  -- A test ping goes to one subscription only.
  only_subscription uuid
);
CREATE INDEX webhook_outbox_pending_idx ON webhook_outbox (id) WHERE NOT fanned_out;

CREATE TABLE webhook_delivery (
  id               uuid PRIMARY KEY,
  subscription_id  uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
  outbox_id        bigint NOT NULL REFERENCES webhook_outbox (id),
  status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  UNIQUE (subscription_id, outbox_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at DESC);

CREATE TABLE webhook_attempt (
  delivery_id uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL,
  status_code integer,
  error       text,
  duration_ms integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- Which audit actions become which webhook events, with what data. Only ids, states,
-- field names and areas: never values of personal fields, never PPKS categories
-- (health and children's data are "spesifik", UU PDP Pasal 4).
CREATE FUNCTION pilar_webhook_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  etype text;
  eid   uuid;
BEGIN
  etype := CASE
    WHEN NEW.action IN ('person.created', 'person.imported') THEN 'person.created'
    WHEN NEW.action = 'person.updated' THEN 'person.updated'
    WHEN NEW.action = 'case.created' THEN 'case.created'
    WHEN NEW.action LIKE 'case.%' AND NEW.action NOT LIKE 'case.verification%' AND NEW.details ? 'to' THEN 'case.status_changed'
    WHEN NEW.action IN ('referral.sent', 'referral.accepted', 'referral.rejected', 'referral.completed', 'referral.cancelled') THEN 'referral.updated'
    WHEN NEW.action = 'member.verify' THEN 'member.verified'
    WHEN NEW.action LIKE 'member.%' AND NEW.details ? 'to' THEN 'member.status_changed'
  END;
  -- Nobody listening: nothing to keep (a later subscriber gets events from its creation on).
  IF etype IS NULL OR NOT EXISTS (SELECT 1 FROM webhook_subscription WHERE active AND etype = ANY (events)) THEN
    RETURN NULL;
  END IF;
  -- Never break the audited change: an entity id that is not a uuid is simply not looked up.
  IF NEW.entity_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN eid := NEW.entity_id::uuid; END IF;
  IF NEW.action = 'person.imported' THEN
    -- One audit event per import batch: one webhook event per person.
    INSERT INTO webhook_outbox (event_type, area_code, payload, occurred_at)
    SELECT etype, p.village_code, jsonb_build_object('personId', p.id), NEW.occurred_at
    FROM jsonb_array_elements_text(NEW.details -> 'personIds') AS x(id)
    JOIN person p ON p.regency_code = NEW.regency_code AND p.id = x.id::uuid;
    RETURN NULL;
  END IF;
  INSERT INTO webhook_outbox (event_type, area_code, payload, occurred_at)
  VALUES (
    etype,
    coalesce(
      CASE NEW.entity_type
        WHEN 'person' THEN (SELECT village_code FROM person WHERE regency_code = NEW.regency_code AND id = eid)
        WHEN 'case' THEN (SELECT village_code FROM ppks_case WHERE regency_code = NEW.regency_code AND id = eid)
        WHEN 'referral' THEN (SELECT village_code FROM referral WHERE regency_code = NEW.regency_code AND id = eid)
        WHEN 'member' THEN (SELECT village_code FROM member WHERE regency_code = NEW.regency_code AND id = eid)
      END,
      NEW.regency_code),
    jsonb_strip_nulls(jsonb_build_object(
      'personId', CASE WHEN NEW.entity_type NOT IN ('person', 'member') THEN NEW.person_id END,
      NEW.entity_type || 'Id', NEW.entity_id,
      'from', NEW.details -> 'from',
      'to', NEW.details -> 'to',
      'action', CASE WHEN etype IN ('referral.updated', 'case.status_changed') THEN split_part(NEW.action, '.', 2) END,
      'fields', CASE WHEN etype = 'person.updated' THEN NEW.details -> 'fields' END)),
    NEW.occurred_at);
  RETURN NULL;
END $$;

CREATE TRIGGER audit_event_webhooks AFTER INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION pilar_webhook_outbox();
