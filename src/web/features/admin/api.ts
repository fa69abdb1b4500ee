import { useQuery } from '@tanstack/react-query';
import type { Organization } from '../../../shared/schemas/accounts';
import { api } from '../../api/client';

export const organizationsKey = ['organizations'] as const;

export function useOrganizations(kind?: string) {
  return useQuery({
    queryKey: [...organizationsKey, kind ?? 'all'],
    queryFn: () => api.get<{ items: Organization[] }>('/api/organizations', { kind }).then((r) => r.items),
  });
}
