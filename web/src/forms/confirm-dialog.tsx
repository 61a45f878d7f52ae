import type { ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useT } from '../i18n/locale';
import { Button } from './fields';

/**
 * A button that opens a modal dialog (focus moves in, Escape closes, focus returns). `children`
 * gets `close` for forms that close themselves once their action went through.
 */
export function DialogButton({
  label,
  title,
  variant = 'secondary',
  children,
}: {
  label: string;
  title: string;
  variant?: 'primary' | 'secondary' | 'danger';
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger>
      <Button variant={variant}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** A destructive or final action behind a question: what will happen, then Cancel or go. */
export function ConfirmButton({
  label,
  title,
  confirmLabel,
  variant = 'danger',
  onConfirm,
  isDisabled,
  children,
}: {
  label: string;
  title: string;
  confirmLabel: string;
  variant?: 'primary' | 'danger';
  onConfirm(): Promise<boolean | void> | void;
  isDisabled?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <DialogButton
      label={label}
      title={title}
      variant={variant === 'danger' ? 'secondary' : variant}
    >
      {(close) => (
        <>
          {children}
          <div className="actions">
            <Button variant="secondary" onPress={close}>
              {t('action.cancel')}
            </Button>
            <Button
              variant={variant}
              isDisabled={isDisabled}
              onPress={async () => {
                // An action that failed says so inside the dialog and keeps it open.
                if ((await onConfirm()) !== false) close();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </>
      )}
    </DialogButton>
  );
}
