// Lets the benchmark ask a server for the CPU time it has used (process.cpuUsage, in microseconds) over
// the IPC channel it was started with, to tell CPU per request apart from machine-wide contention.
export function reportCpuOnRequest(): void {
  process.on('message', () => process.send?.(process.cpuUsage()));
}
