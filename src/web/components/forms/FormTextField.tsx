import { useI18n } from '../../i18n';
import { TextField, type TextFieldProps } from '../TextField';
import type { FormErrors } from './useVersionedForm';

/**
 * A text field bound to one field of a form: its id (which the error summary links to) and its
 * message (from the shared schema or the server's 422, in the page's language) come from the form.
 */
export function FormTextField({
  form,
  path,
  ...props
}: { form: FormErrors; path: string } & Omit<TextFieldProps, 'id' | 'error' | 'form'>) {
  const { pick } = useI18n();
  const problem = form.fieldError([path]);
  return <TextField id={form.id([path])} error={problem ? pick(problem) : undefined} {...props} />;
}
