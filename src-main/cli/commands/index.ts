import type { Command } from '../command'
import { deviceAddCommand, deviceRemoveCommand, deviceSimulateCommand } from './device'
import { devicesCommand } from './devices'
import { uiCommand } from './ui'

export const COMMANDS: ReadonlyArray<Command> = [
  devicesCommand,
  deviceSimulateCommand,
  deviceAddCommand,
  deviceRemoveCommand,
  uiCommand,
]
