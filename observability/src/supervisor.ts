/**
 * The variable through which a process that starts Linju's servers (`npm start`, `npm run cluster`,
 * `ServiceProcess`) gives them its PID: each server then stops by itself, as on SIGTERM, once that
 * process is gone (killed with SIGKILL, say), instead of serving on with no owner. Node has no
 * PR_SET_PDEATHSIG.
 */
export const SUPERVISOR_PID_VARIABLE = 'LINJU_SUPERVISOR_PID';

/** How often a server looks for its supervisor, in milliseconds. */
export const SUPERVISOR_CHECK_MS = 1000;

/**
 * Calls `onGone` once when the process named by `LINJU_SUPERVISOR_PID` is gone, or this process's
 * parent has changed (it was the supervisor, or ran under it, and died: the orphan is adopted);
 * nothing without the variable. The timer keeps no process up.
 */
export function watchSupervisor(onGone: (pid: number) => void, env: NodeJS.ProcessEnv = process.env, everyMs = SUPERVISOR_CHECK_MS): void {
  const pid = Number(env[SUPERVISOR_PID_VARIABLE]);
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent && alive(pid)) return;
    clearInterval(timer);
    onGone(pid);
  }, everyMs);
  timer.unref();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
