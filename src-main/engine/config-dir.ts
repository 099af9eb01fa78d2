import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The user's config directory for lcube. LCUBE_CONFIG_DIR overrides it (tests, portable installs).
 * Electron's userData would differ per app name; using one directory keeps the CLI and the app in step.
 */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LCUBE_CONFIG_DIR) return env.LCUBE_CONFIG_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'lcube')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'lcube')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'lcube')
}
