import type { Queryable } from '../../platform/db/pool';

export interface TimelineRow {
  at: string;
  kind: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  actor: string | null;
  details: Record<string, unknown>;
}

/**
 * Everything that happened to one person, from the raw tables, oldest first. Case
 * events carry lifecycle, verification, assessment, service and referral-sent steps;
 * a partner's answers are read from the referral row (partners have no area scope).
 */
export async function timeline(db: Queryable, key: { regencyCode: string; personId: string }, limit: number): Promise<TimelineRow[]> {
  const { rows } = await db.query(
    `SELECT at, kind, entity_type AS "entityType", entity_id AS "entityId", case_id AS "caseId", actor, details FROM (
       SELECT created_at AS at, 'person.registered' AS kind, 'person' AS entity_type, id::text AS entity_id, NULL::uuid AS case_id,
              NULL::text AS actor, '{}'::jsonb AS details
         FROM person WHERE regency_code = $1 AND id = $2
       UNION ALL
       SELECT recorded_at, 'ppks.assigned', 'person_ppks', id::text, NULL, assessor_label, jsonb_build_object('ppksCode', ppks_code, 'assessedOn', assessed_on)
         FROM person_ppks WHERE regency_code = $1 AND person_id = $2
       UNION ALL
       SELECT ended_on::timestamptz, 'ppks.ended', 'person_ppks', id::text, NULL, NULL, jsonb_build_object('ppksCode', ppks_code, 'reason', end_reason)
         FROM person_ppks WHERE regency_code = $1 AND person_id = $2 AND ended_on IS NOT NULL
       UNION ALL
       SELECT recorded_at, 'consent.recorded', 'person_consent', id::text, NULL, NULL, jsonb_build_object('basis', basis, 'guardian', guardian_name IS NOT NULL)
         FROM person_consent WHERE regency_code = $1 AND person_id = $2
       UNION ALL
       SELECT withdrawn_on::timestamptz, 'consent.withdrawn', 'person_consent', id::text, NULL, NULL, jsonb_build_object('basis', basis)
         FROM person_consent WHERE regency_code = $1 AND person_id = $2 AND withdrawn_on IS NOT NULL
       UNION ALL
       SELECT e.at, e.kind, 'case', e.case_id::text, e.case_id, e.actor_label,
              e.details || jsonb_strip_nulls(jsonb_build_object('from', e.from_status, 'to', e.to_status, 'reason', e.reason, 'caseNumber', c.case_number))
         FROM case_event e JOIN ppks_case c ON c.regency_code = e.regency_code AND c.id = e.case_id
        WHERE e.regency_code = $1 AND e.person_id = $2 AND e.kind <> 'visit.recorded'
       UNION ALL
       SELECT responded_at, 'referral.' || CASE WHEN status = 'rejected' THEN 'rejected' ELSE 'accepted' END, 'referral', id::text, case_id, NULL,
              jsonb_strip_nulls(jsonb_build_object('partnerId', partner_id, 'reason', reject_reason))
         FROM referral WHERE regency_code = $1 AND person_id = $2 AND responded_at IS NOT NULL
       UNION ALL
       SELECT completed_at, 'referral.completed', 'referral', id::text, case_id, NULL, jsonb_build_object('partnerId', partner_id)
         FROM referral WHERE regency_code = $1 AND person_id = $2 AND completed_at IS NOT NULL
       UNION ALL
       SELECT created_at, 'follow_up.scheduled', 'follow_up', id::text, case_id, NULL, jsonb_build_object('dueOn', due_on)
         FROM follow_up WHERE regency_code = $1 AND person_id = $2
       UNION ALL
       SELECT done_at, 'follow_up.done', 'follow_up', id::text, case_id, NULL, '{}'::jsonb
         FROM follow_up WHERE regency_code = $1 AND person_id = $2 AND done_at IS NOT NULL
       UNION ALL
       SELECT occurred_at, 'visit.' || kind, 'visit', id::text, case_id, author_label,
              jsonb_build_object('files', cardinality(file_ids), 'gps', lat IS NOT NULL)
         FROM visit WHERE regency_code = $1 AND person_id = $2
       UNION ALL
       SELECT requested_at, 'transfer.requested', 'person_transfer', id::text, NULL, NULL, jsonb_build_object('from', from_regency_code, 'to', to_regency_code)
         FROM person_transfer WHERE person_id = $2
       UNION ALL
       SELECT decided_at, 'transfer.' || status, 'person_transfer', id::text, NULL, NULL, jsonb_build_object('from', from_regency_code, 'to', to_regency_code)
         FROM person_transfer WHERE person_id = $2 AND decided_at IS NOT NULL
       UNION ALL
       SELECT merged_at, 'person.merged', 'person_merge', id::text, NULL, NULL, jsonb_build_object('survivorId', survivor_id, 'mergedId', merged_id)
         FROM person_merge WHERE regency_code = $1 AND (survivor_id = $2 OR merged_id = $2)
       UNION ALL
       SELECT undone_at, 'person.unmerged', 'person_merge', id::text, NULL, NULL, jsonb_build_object('survivorId', survivor_id, 'mergedId', merged_id)
         FROM person_merge WHERE regency_code = $1 AND (survivor_id = $2 OR merged_id = $2) AND undone_at IS NOT NULL
     ) t ORDER BY at, kind, entity_id LIMIT $3`,
    [key.regencyCode, key.personId, limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
