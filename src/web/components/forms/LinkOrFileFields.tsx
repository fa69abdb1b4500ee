import { useI18n } from '../../i18n';
import { Select } from '../Select';
import { TextField } from '../TextField';
import type { FormErrors } from './useVersionedForm';

/** Something stored either as a link to elsewhere or as an uploaded file (materials, archives). */
export type SourceKind = 'link' | 'file';

/** The labels of a link-or-file input, in the words of the form that uses it. */
export interface SourceLabels {
  kind: string;
  kindLink: string;
  kindFile: string;
  url: string;
  file: string;
}

/** Chooses between a link and an uploaded file; the field path is `kind`. */
export function SourceKindSelect({
  errors,
  labels,
  value,
  onChange,
}: {
  errors: FormErrors;
  labels: SourceLabels;
  value: SourceKind;
  onChange: (kind: SourceKind) => void;
}) {
  return (
    <Select
      id={errors.id(['kind'])}
      label={labels.kind}
      value={value}
      onChange={(e) => onChange(e.target.value as SourceKind)}
    >
      <option value="link">{labels.kindLink}</option>
      <option value="file">{labels.kindFile}</option>
    </Select>
  );
}

/**
 * The address (field `url`) for a link, or the file picker (field `file`) for an upload. A file
 * input cannot show the file already stored, so a form that keeps it when none is picked says so
 * in `fileHint` and leaves `isFileRequired` off.
 */
export function SourceInput({
  errors,
  labels,
  kind,
  url,
  onUrl,
  onFile,
  fileHint,
  isFileRequired = false,
}: {
  errors: FormErrors;
  labels: SourceLabels;
  kind: SourceKind;
  url: string;
  onUrl: (url: string) => void;
  onFile: (file: File | null) => void;
  fileHint?: string | undefined;
  isFileRequired?: boolean;
}) {
  const { pick } = useI18n();
  const message = (path: string) => {
    const field = errors.fieldError([path]);
    return field ? pick(field) : undefined;
  };
  return kind === 'link' ? (
    <TextField
      id={errors.id(['url'])}
      type="url"
      label={labels.url}
      required
      value={url}
      onChange={(e) => onUrl(e.target.value)}
      error={message('url')}
      lang="en"
    />
  ) : (
    <TextField
      id={errors.id(['file'])}
      type="file"
      label={labels.file}
      hint={fileHint}
      required={isFileRequired}
      onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      error={message('file')}
      inputClassName="py-2"
    />
  );
}
