import { ErrorSummary } from '../ErrorSummary';
import { ConflictNotice } from './ConflictNotice';
import type { FormErrors as FormErrorState } from './useVersionedForm';

/**
 * What a form shows above its fields after a failed submit: the 409 notice (someone saved first,
 * with a reload of the latest version) when the form can reload, then the error summary.
 */
export function FormErrors({
  form,
  onReload,
  isReloading,
}: {
  form: FormErrorState;
  /** Reads the record again; the form then shows the current values. */
  onReload?: () => void;
  isReloading?: boolean;
}) {
  return (
    <>
      {form.conflict && onReload && <ConflictNotice onReload={onReload} isReloading={isReloading} />}
      <ErrorSummary errors={form} />
    </>
  );
}
