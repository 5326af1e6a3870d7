// @apollo/gateway starts an OpenTelemetry exporter that reports usage to Apollo (and probes
// cloud metadata addresses) unless this variable is set when a gateway is constructed. ESM
// hoists imports, so an assignment in an entry point would run too late: every module that
// loads @apollo/gateway imports this module first. Assigned unconditionally because no
// setting of this project may let that traffic leave the machine.
process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

/** Whether Apollo's gateway telemetry is off in this process (it always is once imported). */
export const apolloTelemetryDisabled: boolean = process.env['APOLLO_TELEMETRY_DISABLED'] === 'true';
