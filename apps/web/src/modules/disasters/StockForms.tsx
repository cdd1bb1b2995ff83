import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { compressPhoto } from '../../offline/photos';
import { issueStock, receiveStock, uploadEvidence } from './disasters.api';
import type { AidItem, AidPost, Incident, Victim } from './disasters.types';
import { FormError, useSubmit } from './forms';

interface Place {
  incident: Incident;
  posts: AidPost[];
  items: AidItem[];
  onSaved: () => void;
}

function PostItemQuantity({
  posts,
  items,
  postId,
  itemId,
  quantity,
  set,
  errors,
}: {
  posts: AidPost[];
  items: AidItem[];
  postId: string;
  itemId: string;
  quantity: string;
  set: (patch: { postId?: string; itemId?: string; quantity?: string }) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const unit = items.find((i) => i.id === itemId)?.unit ?? '';
  return (
    <>
      <Field name="postId" label={t('disasters.logistics.post')} error={errors.postId}>
        {(p) => (
          <select {...p} value={postId} onChange={(e) => set({ postId: e.target.value })} data-testid="in-stockPost">
            {posts.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="itemId" label={t('disasters.logistics.item')} error={errors.itemId}>
        {(p) => (
          <select {...p} value={itemId} onChange={(e) => set({ itemId: e.target.value })} data-testid="in-stockItem">
            {items.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.unit})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="quantity" label={`${t('disasters.logistics.quantity')}${unit ? ` (${unit})` : ''}`} error={errors.quantity}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0}
            step="0.01"
            value={quantity}
            onChange={(e) => set({ quantity: e.target.value })}
            data-testid="in-quantity"
          />
        )}
      </Field>
    </>
  );
}

function StockForm({
  testId,
  title,
  children,
  onSubmit,
  busy,
  error,
  errors,
  save,
  done,
}: {
  testId: string;
  title: string;
  children: ReactNode;
  onSubmit: (e: FormEvent) => void;
  busy: boolean;
  error: unknown;
  errors: Record<string, string>;
  save: string;
  done: string;
}) {
  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid={testId}>
      <h3>{title}</h3>
      {children}
      <FormError error={error} shown={errors} />
      {done && (
        <p className="notice notice-ok" role="status" data-testid={`${testId}-done`}>
          {done}
        </p>
      )}
      <button type="submit" className="button button-block" disabled={busy} data-testid={`${testId}-save`}>
        {save}
      </button>
    </form>
  );
}

/** Stock received at a post: donor, item, quantity. */
export function ReceiveForm({ incident, posts, items, onSaved }: Place) {
  const { t } = useTranslation();
  const [v, setV] = useState({ postId: posts[0]?.id ?? '', itemId: items[0]?.id ?? '', quantity: '', donor: '' });
  const [done, setDone] = useState('');
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const body = { postId: v.postId, itemId: v.itemId, quantity: Number(v.quantity), donor: v.donor.trim() };
    void submit.run(
      () => receiveStock(incident.id, body),
      (r) => {
        setDone(t('disasters.logistics.received_ok', { balance: r.balance, unit: r.unit }));
        setV((x) => ({ ...x, quantity: '' }));
        onSaved();
      },
    );
  };
  return (
    <StockForm
      testId="receive-form"
      title={t('disasters.logistics.receive')}
      onSubmit={onSubmit}
      busy={submit.busy}
      error={submit.error}
      errors={submit.errors}
      save={t('disasters.logistics.saveReceive')}
      done={done}
    >
      <Field name="donor" label={t('disasters.logistics.donor')} error={submit.errors.donor}>
        {(p) => (
          <input
            {...p}
            value={v.donor}
            onChange={(e) => setV((x) => ({ ...x, donor: e.target.value }))}
            maxLength={200}
            data-testid="in-donor"
          />
        )}
      </Field>
      <PostItemQuantity
        posts={posts}
        items={items}
        postId={v.postId}
        itemId={v.itemId}
        quantity={v.quantity}
        set={(p) => setV((x) => ({ ...x, ...p }))}
        errors={submit.errors}
      />
    </StockForm>
  );
}

/** Aid handed to a victim, with a photo or signature of the handover; refused beyond the post's balance. */
export function IssueForm({ incident, posts, items, victims, onSaved }: Place & { victims: Victim[] }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    postId: posts[0]?.id ?? '',
    itemId: items[0]?.id ?? '',
    quantity: '',
    victimId: victims[0]?.id ?? '',
  });
  const [photo, setPhoto] = useState<File | null>(null);
  const [done, setDone] = useState('');
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const send = async () => {
      const evidence = photo ? await uploadEvidence(incident.id, v.postId, await compressPhoto(photo)) : null;
      return issueStock(incident.id, {
        postId: v.postId,
        itemId: v.itemId,
        quantity: Number(v.quantity),
        ...(v.victimId ? { victimId: v.victimId } : {}),
        ...(evidence ? { evidenceFileId: evidence.id } : {}),
      });
    };
    void submit.run(send, (r) => {
      setDone(t('disasters.logistics.issued_ok', { balance: r.balance, unit: r.unit }));
      setV((x) => ({ ...x, quantity: '' }));
      setPhoto(null);
      onSaved();
    });
  };
  return (
    <StockForm
      testId="issue-form"
      title={t('disasters.logistics.issue')}
      onSubmit={onSubmit}
      busy={submit.busy}
      error={submit.error}
      errors={submit.errors}
      save={t('disasters.logistics.saveIssue')}
      done={done}
    >
      <PostItemQuantity
        posts={posts}
        items={items}
        postId={v.postId}
        itemId={v.itemId}
        quantity={v.quantity}
        set={(p) => setV((x) => ({ ...x, ...p }))}
        errors={submit.errors}
      />
      <Field name="victimId" label={t('disasters.logistics.victim')} error={submit.errors.victimId}>
        {(p) => (
          <select
            {...p}
            value={v.victimId}
            onChange={(e) => setV((x) => ({ ...x, victimId: e.target.value }))}
            data-testid="in-victimId"
          >
            <option value="">{t('disasters.logistics.noVictim')}</option>
            {victims.map((x) => (
              <option key={x.id} value={x.id}>
                {x.fullName} · {x.villageName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="evidenceFileId"
        label={t('disasters.logistics.photo')}
        error={submit.errors.evidenceFileId ?? submit.errors.file}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            data-testid="in-evidence"
          />
        )}
      </Field>
    </StockForm>
  );
}
