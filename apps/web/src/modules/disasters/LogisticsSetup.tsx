import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { createItem, createPost } from './disasters.api';
import { ITEM_NEED_KINDS, POST_KINDS, type Incident } from './disasters.types';
import { CodeSelect, FormError, useSubmit } from './forms';

/** Opening a post (posko, shelter, warehouse, kitchen) in an affected village. */
export function PostForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('posko');
  const [villageCode, setVillageCode] = useState(incident.areas[0]?.villageCode ?? '');
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(
      () => createPost(incident.id, { name: name.trim(), kind, villageCode }),
      () => {
        setName('');
        onSaved();
      },
    );
  };
  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="post-form">
      <h3>{t('disasters.logistics.newPost')}</h3>
      <Field name="name" label={t('disasters.logistics.postName')} error={submit.errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="in-postName" />}
      </Field>
      <CodeSelect
        name="kind"
        label={t('disasters.logistics.postKind')}
        options={POST_KINDS}
        value={kind}
        onChange={setKind}
        labelKey="disasters.logistics.postKinds"
        error={submit.errors.kind}
      />
      <Field name="villageCode" label={t('disasters.logistics.postVillage')} error={submit.errors.villageCode}>
        {(p) => (
          <select {...p} value={villageCode} onChange={(e) => setVillageCode(e.target.value)}>
            {incident.areas.map((a) => (
              <option key={a.villageCode} value={a.villageCode}>
                {a.villageName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError error={submit.error} shown={submit.errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid="post-save">
        {t('disasters.logistics.savePost')}
      </button>
    </form>
  );
}

/** Adding an aid item (name, unit, the need it serves, low-stock threshold). */
export function ItemForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [needKind, setNeedKind] = useState('pangan');
  const [threshold, setThreshold] = useState('');
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: name.trim(),
      unit: unit.trim(),
      needKind,
      ...(threshold.trim() ? { lowStockThreshold: Number(threshold) } : {}),
    };
    void submit.run(
      () => createItem(incident.id, body),
      () => {
        setName('');
        setUnit('');
        setThreshold('');
        onSaved();
      },
    );
  };
  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="item-form">
      <h3>{t('disasters.logistics.newItem')}</h3>
      <Field name="name" label={t('disasters.logistics.itemName')} error={submit.errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} data-testid="in-itemName" />}
      </Field>
      <Field name="unit" label={t('disasters.logistics.unit')} error={submit.errors.unit}>
        {(p) => <input {...p} value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={30} data-testid="in-unit" />}
      </Field>
      <CodeSelect
        name="needKind"
        label={t('disasters.logistics.itemNeed')}
        options={ITEM_NEED_KINDS}
        value={needKind}
        onChange={setNeedKind}
        labelKey="disasters.need"
        error={submit.errors.needKind}
      />
      <Field name="lowStockThreshold" label={t('disasters.logistics.threshold')} error={submit.errors.lowStockThreshold}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            data-testid="in-threshold"
          />
        )}
      </Field>
      <FormError error={submit.error} shown={submit.errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid="item-save">
        {t('disasters.logistics.saveItem')}
      </button>
    </form>
  );
}
