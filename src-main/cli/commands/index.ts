import type { Command } from '../command'
import { deviceAddCommand, deviceRemoveCommand, deviceSimulateCommand } from './device'
import { devicesCommand } from './devices'
import { uiCommand } from './ui'
import { copyCommand } from './copy'
import { statusCommand } from './status'
import { verifyCommand } from './verify'
import { restoreCommand } from './restore'
import { passwdCommand } from './passwd'
import { scanCommand } from './scan'
import { compareCommand } from './compare'

export const COMMANDS: ReadonlyArray<Command> = [
  devicesCommand,
  deviceSimulateCommand,
  deviceAddCommand,
  deviceRemoveCommand,
  scanCommand,
  copyCommand,
  statusCommand,
  verifyCommand,
  restoreCommand,
  compareCommand,
  passwdCommand,
  uiCommand,
]
