// The environment every Python process of a check starts with: UTF-8 whatever the console's code
// page, unbuffered output (the checker reads it as it comes), no __pycache__ written into the
// student's folder, and none of the variables that would change how the interpreter starts.
export function interpreterEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {
    ...(base as Record<string, string>),
    PYTHONUNBUFFERED: '1',
    PYTHONUTF8: '1',
    PYTHONIOENCODING: 'utf-8',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  for (const k of ['PYTHONSTARTUP', 'PYTHONINSPECT', 'PYTHONHOME']) delete env[k];
  return env;
}
