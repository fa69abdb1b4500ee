import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BodyOf, type QueryOf, apiClient } from '../../api/typed-client';

/** Every query of this feature starts with this key, so one invalidation refreshes it all. */
export const projectsKey = ['projects-feature'] as const;

export interface ProjectFilters {
  fiscalYearId?: string | undefined;
  status?: string | undefined;
  organizationId?: string | undefined;
  municipalityId?: string | undefined;
}

export function useProjects(filters: ProjectFilters) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as QueryOf<
    '/api/projects',
    'get'
  >;
  return useQuery({
    queryKey: [...projectsKey, 'list', query],
    queryFn: () => apiClient.get('/api/projects', { params: { query } }).then((r) => r.items),
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: [...projectsKey, 'project', id],
    queryFn: () => apiClient.get('/api/projects/{id}', { params: { path: { id } } }),
  });
}

export function useOverdueReports() {
  return useQuery({
    queryKey: [...projectsKey, 'overdue'],
    queryFn: () => apiClient.get('/api/project-reports/overdue', {}).then((r) => r.items),
  });
}

export function useProjectLoad(fiscalYearId: string) {
  return useQuery({
    queryKey: [...projectsKey, 'load', fiscalYearId],
    queryFn: () =>
      apiClient.get('/api/project-load', { params: { query: { fiscalYearId } } }).then((r) => r.items),
    enabled: fiscalYearId !== '',
  });
}

export function useProjectSettings(fiscalYearId: string) {
  return useQuery({
    queryKey: [...projectsKey, 'settings', fiscalYearId],
    queryFn: () => apiClient.get('/api/project-settings', { params: { query: { fiscalYearId } } }),
    enabled: fiscalYearId !== '',
  });
}

export function useInvalidateProjects() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: projectsKey }), [client]);
}

const byId = (id: string) => ({ params: { path: { id } } });

export const projectsCalls = {
  saveSettings: (body: BodyOf<'/api/project-settings', 'put'>) =>
    apiClient.put('/api/project-settings', { body }),
  savePlan: (id: string, body: BodyOf<'/api/projects/{id}/plan', 'put'>) =>
    apiClient.put('/api/projects/{id}/plan', { ...byId(id), body }),
  logActivity: (id: string, body: BodyOf<'/api/projects/{id}/activities', 'post'>) =>
    apiClient.post('/api/projects/{id}/activities', { ...byId(id), body }),
  updateActivity: (id: string, body: BodyOf<'/api/project-activities/{id}', 'patch'>) =>
    apiClient.patch('/api/project-activities/{id}', { ...byId(id), body }),
  deleteActivity: (id: string) => apiClient.delete('/api/project-activities/{id}', byId(id)),
  addAttachment: (projectId: string, file: File, activityId: string | null) => {
    const form = new FormData();
    form.append('file', file);
    if (activityId) form.append('activityId', activityId);
    return apiClient.postForm('/api/projects/{id}/attachments', form, { path: { id: projectId } });
  },
  deleteAttachment: (id: string) => apiClient.delete('/api/project-attachments/{id}', byId(id)),
  approveExceedance: (id: string, reason: string) =>
    apiClient.put('/api/projects/{id}/exceedance', { ...byId(id), body: { reason } }),
  complete: (id: string) => apiClient.post('/api/projects/{id}/complete', byId(id)),
  cancel: (id: string, reason: string) =>
    apiClient.post('/api/projects/{id}/cancel', { ...byId(id), body: { reason } }),
  saveReport: (id: string, body: BodyOf<'/api/projects/{id}/report', 'put'>) =>
    apiClient.put('/api/projects/{id}/report', { ...byId(id), body }),
  submitReport: (id: string, version: number) =>
    apiClient.post('/api/projects/{id}/report/submit', { ...byId(id), body: { version } }),
  returnReport: (id: string, version: number, comment: string) =>
    apiClient.post('/api/projects/{id}/report/return', { ...byId(id), body: { version, comment } }),
  approveReport: (id: string, version: number) =>
    apiClient.post('/api/projects/{id}/report/approve', { ...byId(id), body: { version } }),
};
