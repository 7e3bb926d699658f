/**
 * Opens the transport for a server (the TRANSPORT side's `connectTransport`,
 * sync/transport/connect.ts): the one place the engine creates one.
 */
import { connectTransport } from '../transport/connect.js';
import type { SyncProtocol, SyncTransport, TransportOptions } from '../transport/types.js';

export async function openTransport(url: string, protocol: SyncProtocol | 'auto', options: TransportOptions): Promise<SyncTransport> {
  return connectTransport(url, { ...options, ...(protocol === 'auto' ? {} : { protocol }) });
}
