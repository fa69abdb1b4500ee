import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/typed-client';

/** The role-aware home page: tasks, deadlines and the year's phases. */
export const homeQuery = { queryKey: ['home'], queryFn: () => apiClient.get('/api/home') };

export function useHome() {
  return useQuery(homeQuery);
}
