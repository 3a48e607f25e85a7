import { useEffect, useState } from 'react';
import { ErrorBody } from '../../../shared/errors.ts';
import { AdminHostList } from '../../../shared/protocol/admin-hosts.ts';

export type AdminHostsState =
  | { kind: 'idle' } | { kind: 'loading' }
  | { kind: 'ok'; list: AdminHostList }
  | { kind: 'failed'; code: string; message: string };

/**
 * `GET /api/v1/admin/hosts` with the admin key. Admin data is not compute, so the page fetches it itself; the reply
 * is parsed with the shared schema, and an error reply keeps the server's code.
 */
export function useAdminHosts(apiOrigin: string, adminKey: string | null, generation: number): AdminHostsState {
  const [state, setState] = useState<AdminHostsState>({ kind: 'idle' });
  useEffect(() => {
    if (adminKey === null) { setState({ kind: 'idle' }); return; }
    const controller = new AbortController();
    setState({ kind: 'loading' });
    const load = async (): Promise<AdminHostsState> => {
      const res = await fetch(`${apiOrigin}/api/v1/admin/hosts`, { headers: { authorization: `Bearer ${adminKey}` }, signal: controller.signal });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const error = ErrorBody.safeParse(body);
        return error.success
          ? { kind: 'failed', code: error.data.error.code, message: error.data.error.message }
          : { kind: 'failed', code: String(res.status), message: res.statusText };
      }
      const list = AdminHostList.safeParse(body);
      return list.success ? { kind: 'ok', list: list.data } : { kind: 'failed', code: 'internal', message: 'The server sent a host list this page cannot read.' };
    };
    load().then(setState, (error: unknown) => {
      if (controller.signal.aborted) return; // replaced by a newer request: not an error
      setState({ kind: 'failed', code: 'unavailable', message: error instanceof Error ? error.message : String(error) });
    });
    return () => { controller.abort(); };
  }, [apiOrigin, adminKey, generation]);
  return state;
}
