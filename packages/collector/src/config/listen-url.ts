/**
 * Where the collector can be reached when the config does not say (`publicUrl` unset): the address it
 * listens on, as a URL. A wildcard host (all interfaces) is reached on the loopback address, which works
 * for the collector's own deliveries (the demo inbox) and for a browser on the same machine.
 */
export function listenUrl(host: string, port: number): string {
  const wildcard = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
  const name = wildcard ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
