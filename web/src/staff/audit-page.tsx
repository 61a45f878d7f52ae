import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useFormats } from '../format/formats';
import { Button, Field } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { graphql } from '../gql';
import type { AuditEntryRowFragment } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { AUDIT_ACTIONS, auditTarget } from './audit-sentence';
import { PagedResult } from './list-pager';

graphql(`
  fragment AuditEntryRow on AuditEntry {
    id
    at
    action
    targetType
    targetId
    ip
    userAgent
    details
    actor {
      id
      email
      firstName
      lastName
      kind
    }
  }
`);

const AuditList = graphql(`
  query AuditList($filter: AuditFilter, $after: String) {
    auditLog(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AuditEntryRow
        }
      }
    }
  }
`);

const StaffForFilter = graphql(`
  query AuditActors {
    staffUsers {
      id
      email
      firstName
      lastName
    }
  }
`);

/** From a date field, the start or the end of that day where the viewer is. */
const dayBound = (day: string | null, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : null;

/** Who did what, when and from where, newest first, one readable sentence per entry. */
export function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = {
    actorId: params.get('actor'),
    action: params.get('action'),
    targetId: params.get('target'),
    from: dayBound(params.get('from'), false),
    to: dayBound(params.get('to'), true),
  };
  const after = params.get('after');
  const { data, previousData, error, loading, refetch } = useQuery(AuditList, {
    variables: { filter, after },
  });
  const staff = useQuery(StaffForFilter);
  const list = (data ?? previousData)?.auditLog;
  const [draft, setDraft] = useState({
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    target: params.get('target') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  });
  const set = (field: keyof typeof draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft))
      if (value.trim()) next.set(name, value.trim());
    setParams(next);
  };

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <Form onSubmit={apply} className="filters inline-filters" aria-label={t('filters.title')}>
        <SelectField
          label={t('audit.actor')}
          value={draft.actor}
          onChange={set('actor')}
          options={[
            { value: '', label: t('audit.anyone') },
            ...(staff.data?.staffUsers ?? []).map((user) => ({
              value: user.id,
              label: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email,
            })),
          ]}
        />
        <SelectField
          label={t('audit.action')}
          value={draft.action}
          onChange={set('action')}
          options={[
            { value: '', label: t('audit.anyAction') },
            ...Object.entries(AUDIT_ACTIONS).map(([value, { name }]) => ({
              value,
              label: t(name),
            })),
          ]}
        />
        <Field
          label={t('audit.target')}
          value={draft.target}
          onChange={set('target')}
          description={t('audit.targetHint')}
        />
        <Field label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} />
        <Field label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} />
        <Button type="submit">{t('filters.apply')}</Button>
      </Form>
      <PagedResult
        list={list}
        error={error}
        loading={loading}
        onRetry={() => void refetch()}
        after={after}
        count={(total) => t('audit.count', { count: total })}
      >
        {(list) => (
          <>
            {list.edges.length === 0 ? (
              <p className="empty">{t('audit.none')}</p>
            ) : (
              <ol className="audit-entries">
                {list.edges.map(({ node }) => (
                  <AuditLine key={node.id} entry={node} />
                ))}
              </ol>
            )}
          </>
        )}
      </PagedResult>
    </div>
  );
}

function AuditLine({ entry }: { entry: AuditEntryRowFragment }) {
  const t = useT();
  const f = useFormats();
  const actor = entry.actor
    ? [entry.actor.firstName, entry.actor.lastName].filter(Boolean).join(' ') || entry.actor.email
    : t('audit.system');
  const target = auditTarget(entry);
  const targetText = target.label ?? '';
  const id = AUDIT_ACTIONS[entry.action]?.sentence;
  return (
    <li>
      <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
      <p>
        {id ? t(id, { actor, target: targetText }) : `${actor}: ${entry.action}`}
        {entry.ip && ` ${t('audit.fromIp', { ip: entry.ip })}`}
        {target.href && (
          <>
            {' '}
            <Link to={target.href}>{t('audit.open')}</Link>
          </>
        )}
      </p>
    </li>
  );
}
