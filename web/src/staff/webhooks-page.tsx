import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { CheckboxChoices } from '../forms/checkbox-choices';
import { reportOf } from '../api/errors';
import { useFormats } from '../format/formats';
import { Button, Field, FormProblem } from '../forms/fields';
import { ConfirmButton, DialogButton } from '../forms/confirm-dialog';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type {
  WebhookDeliveryStatus,
  WebhookEndpointCardFragment,
  WebhookEventType,
} from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';

graphql(`
  fragment WebhookEndpointCard on WebhookEndpoint {
    id
    url
    description
    eventTypes
    enabled
    createdAt
    deliveries(first: 10) {
      totalCount
      edges {
        node {
          id
          eventType
          status
          attempts
          responseStatus
          error
          createdAt
          lastAttemptAt
        }
      }
    }
  }
`);

const Endpoints = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointCard
    }
  }
`);

const Register = graphql(`
  mutation RegisterWebhookEndpoint($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);

const Rotate = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        id
      }
    }
  }
`);

const Update = graphql(`
  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {
    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {
      id
      enabled
    }
  }
`);

const Remove = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

const Redeliver = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
    }
  }
`);

const EVENT_TYPES: { type: WebhookEventType; label: MessageId }[] = [
  { type: 'DOCUMENT_ISSUED', label: 'webhooks.event.issued' },
  { type: 'DOCUMENT_VOIDED', label: 'webhooks.event.voided' },
  { type: 'PAYMENT_RECORDED', label: 'webhooks.event.payment' },
  { type: 'ESTIMATE_ANSWERED', label: 'webhooks.event.estimate' },
  { type: 'DOCUMENT_RETRIEVED', label: 'webhooks.event.retrieved' },
];
const EVENT_LABEL = Object.fromEntries(EVENT_TYPES.map((e) => [e.type, e.label])) as Record<
  WebhookEventType,
  MessageId
>;
const DELIVERY_LABEL: Record<WebhookDeliveryStatus, MessageId> = {
  PENDING: 'webhooks.pending',
  SUCCEEDED: 'webhooks.succeeded',
  FAILED: 'webhooks.failed',
};

/** Partner endpoints: register, the secret once, rotate, pause, remove; deliveries and retries. */
export function WebhooksPage() {
  const t = useT();
  const { data, error, refetch } = useQuery(Endpoints, { pollInterval: 10_000 });
  // A new or rotated secret, shown until the user says it is stored: the API never shows it again.
  const [secret, setSecret] = useState<{ endpointId: string; value: string } | null>(null);
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('webhooks.title')}</h1>
        <DialogButton
          label={t('webhooks.register')}
          title={t('webhooks.register')}
          variant="primary"
        >
          {(close) => (
            <RegisterForm
              onRegistered={(endpointId, value) => {
                close();
                setSecret({ endpointId, value });
                void refetch();
              }}
            />
          )}
        </DialogButton>
      </div>
      <p className="muted">{t('webhooks.intro')}</p>
      {data.webhookEndpoints.length === 0 && <p>{t('webhooks.none')}</p>}
      {data.webhookEndpoints.map((endpoint) => (
        <EndpointCard
          key={endpoint.id}
          endpoint={endpoint}
          secret={secret?.endpointId === endpoint.id ? secret.value : null}
          onSecret={(value) => setSecret({ endpointId: endpoint.id, value })}
          onSecretStored={() => setSecret(null)}
          onChange={() => void refetch()}
        />
      ))}
    </div>
  );
}

function SecretPanel({ secret, onStored }: { secret: string; onStored(): void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret-panel" role="region" aria-label={t('webhooks.secret')}>
      <p>
        <strong>{t('webhooks.secretOnce')}</strong>
      </p>
      <code className="secret">{secret}</code>
      <div className="actions">
        <Button
          onPress={() =>
            void navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('webhooks.copy')}
        </Button>
        <Button variant="secondary" onPress={onStored}>
          {t('webhooks.stored')}
        </Button>
      </div>
      {copied && <p role="status">{t('webhooks.copied')}</p>}
    </div>
  );
}

function EndpointCard({
  endpoint,
  secret,
  onSecret,
  onSecretStored,
  onChange,
}: {
  endpoint: WebhookEndpointCardFragment;
  secret: string | null;
  onSecret(value: string): void;
  onSecretStored(): void;
  onChange(): void;
}) {
  const t = useT();
  const f = useFormats();
  const [rotate] = useMutation(Rotate);
  const [update] = useMutation(Update);
  const [remove] = useMutation(Remove);
  const [redeliver] = useMutation(Redeliver);
  const { report, run } = useSubmission();
  const headingId = `endpoint-${endpoint.id}`;
  return (
    <section className="card-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="endpoint-url">
        {endpoint.url}
      </h2>
      {endpoint.description && <p>{endpoint.description}</p>}
      <p>
        {endpoint.eventTypes.map((type) => t(EVENT_LABEL[type])).join(', ')}
        {' · '}
        {endpoint.enabled ? t('webhooks.enabled') : t('webhooks.paused')}
      </p>
      {secret && <SecretPanel secret={secret} onStored={onSecretStored} />}
      <div className="actions">
        <ConfirmButton
          label={t('webhooks.rotate')}
          title={t('webhooks.rotateTitle')}
          confirmLabel={t('webhooks.rotate')}
          onConfirm={async () => {
            let value: string | null = null;
            const problem = await run(async () => {
              value = (await rotate({ variables: { id: endpoint.id } })).data!.rotateWebhookSecret
                .secret;
            });
            if (value) onSecret(value);
            return problem === null;
          }}
        >
          <p>{t('webhooks.rotateWhat')}</p>
        </ConfirmButton>
        <Button
          variant="secondary"
          onPress={() =>
            void run(() =>
              update({ variables: { id: endpoint.id, enabled: !endpoint.enabled } }),
            ).then(onChange)
          }
        >
          {endpoint.enabled ? t('webhooks.pause') : t('webhooks.resume')}
        </Button>
        <ConfirmButton
          label={t('webhooks.delete')}
          title={t('webhooks.deleteTitle', { url: endpoint.url })}
          confirmLabel={t('webhooks.delete')}
          onConfirm={async () => {
            const problem = await run(() => remove({ variables: { id: endpoint.id } }));
            onChange();
            return problem === null;
          }}
        >
          <p>{t('webhooks.deleteWhat')}</p>
        </ConfirmButton>
      </div>
      <FormProblem report={report} />
      <h3>{t('webhooks.deliveries', { count: endpoint.deliveries.totalCount })}</h3>
      {endpoint.deliveries.edges.length === 0 ? (
        <p>{t('webhooks.noDeliveries')}</p>
      ) : (
        <div className="table-scroll">
          <LabelledTable
            label={t('webhooks.deliveriesOf', { url: endpoint.url })}
            rows={endpoint.deliveries.edges.map(({ node }) => node)}
            rowKey={(delivery) => delivery.id}
            columns={[
              { label: t('emails.when'), cell: (d) => f.dateTime(d.createdAt) },
              { label: t('webhooks.event'), cell: (d) => t(EVENT_LABEL[d.eventType]) },
              { label: t('emails.status'), cell: (d) => t(DELIVERY_LABEL[d.status]) },
              {
                label: t('webhooks.answer'),
                cell: (d) => (
                  <>
                    {d.responseStatus ?? '–'}
                    {d.error && <pre className="smtp-error">{d.error}</pre>}
                  </>
                ),
              },
              { label: t('emails.attempts'), numeric: true, cell: (d) => d.attempts },
              {
                label: t('contacts.actions'),
                cell: (d) =>
                  d.status !== 'PENDING' && (
                    <Button
                      variant="secondary"
                      onPress={() =>
                        void run(() => redeliver({ variables: { deliveryId: d.id } })).then(
                          onChange,
                        )
                      }
                    >
                      {t('webhooks.redeliver')}
                    </Button>
                  ),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

function RegisterForm({ onRegistered }: { onRegistered(id: string, secret: string): void }) {
  const t = useT();
  const [url, setUrl] = useState('https://');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(['DOCUMENT_ISSUED']);
  const [register, { loading }] = useMutation(Register);
  const { report, run } = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let registered: { id: string; secret: string } | null = null;
    await run(async () => {
      const { data } = await register({
        variables: {
          input: { url: url.trim(), eventTypes: types, description: description.trim() || null },
        },
      });
      registered = {
        id: data!.registerWebhookEndpoint.endpoint.id,
        secret: data!.registerWebhookEndpoint.secret,
      };
    });
    const done = registered as { id: string; secret: string } | null;
    if (done) onRegistered(done.id, done.secret);
  };
  return (
    <Form onSubmit={submit} className="stack" validationBehavior="aria">
      <Field
        label={t('webhooks.url')}
        type="url"
        isRequired
        autoFocus
        value={url}
        onChange={setUrl}
        description={t('webhooks.urlHint')}
        error={report?.fields['input.url']}
      />
      <Field
        label={t('webhooks.description')}
        value={description}
        onChange={setDescription}
        error={report?.fields['input.description']}
      />
      <CheckboxChoices
        label={t('webhooks.events')}
        value={types}
        onChange={setTypes}
        options={EVENT_TYPES.map(({ type, label }) => ({ value: type, label: t(label) }))}
        error={report?.fields['input.eventTypes']}
      />
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('webhooks.registerSubmit')}
      </Button>
    </Form>
  );
}
