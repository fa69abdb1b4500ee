import type { BadgeTone } from '../../components/Badge';
import type { ResponseStatus } from './api';

export const responseStatusTones: Record<ResponseStatus, BadgeTone> = {
  not_started: 'warning',
  draft: 'info',
  submitted: 'success',
};
