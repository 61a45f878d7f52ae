import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  FieldError,
  Input,
  Label,
  Text,
  TextField,
  type ButtonProps,
  type TextFieldProps,
} from 'react-aria-components';
import { useT } from '../i18n/locale';
import type { ProblemReport } from '../api/errors';

type FieldProps = Omit<TextFieldProps, 'children'> & {
  label: string;
  /** The server's or the page's complaint; shown under the field and announced. */
  error?: string | undefined;
  description?: ReactNode;
};

/** A labelled text input with its description and its error, wired for screen readers. */
export function Field({ label, error, description, ...props }: FieldProps) {
  return (
    <TextField {...props} isInvalid={Boolean(error)} validationBehavior="aria" className="field">
      <Label>{label}</Label>
      <Input />
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}

export function Button({
  variant = 'primary',
  ...props
}: ButtonProps & { variant?: 'primary' | 'secondary' | 'danger' }) {
  return <AriaButton {...props} className={`button button-${variant}`} />;
}

/**
 * The form's complaint that belongs to no field, in the viewer's language. NETWORK offers the
 * retry: what was typed stays in the form.
 */
export function FormProblem({
  report,
  onRetry,
}: {
  report: ProblemReport | null;
  onRetry?: () => void;
}) {
  const t = useT();
  if (!report?.code) return null;
  const known: Record<string, Parameters<typeof t>[0]> = {
    NETWORK: 'error.network',
    UNAUTHENTICATED: 'error.unauthenticated',
    FORBIDDEN: 'error.forbidden',
    NOT_FOUND: 'error.notFound',
    RATE_LIMITED: 'error.rateLimited',
    CONFLICT: 'error.conflict',
  };
  const id = known[report.code];
  return (
    <div role="alert" className="problem">
      <p>{id ? t(id) : t('error.unexpected')}</p>
      {report.code === 'NETWORK' && onRetry && (
        <Button variant="secondary" onPress={onRetry}>
          {t('action.retry')}
        </Button>
      )}
    </div>
  );
}
