import type { z } from 'zod';
import { addEffect } from './add-effect.js';
import { addSegment } from './add-segment.js';
import { batch } from './batch.js';
import { beatPattern } from './beat-pattern.js';
import { clearRange } from './clear-range.js';
import type { CommandDefinition } from './command-definition.js';
import { copyRange } from './copy-range.js';
import { deleteSegment } from './delete-segment.js';
import { modifySegment } from './modify-segment.js';
import { moveSegment } from './move-segment.js';
import { addProp, removeProp, updateProp } from './prop-commands.js';
import { restore } from './restore.js';
import { setDefaultColor } from './set-default-color.js';
import { setShowInfo } from './set-show-info.js';
import { shiftRange } from './shift-range.js';

/** Every edit of a show, by name. Tablet, REST, voice and the assistant all write through this table. */
export const commandTable = {
  addSegment,
  modifySegment,
  deleteSegment,
  moveSegment,
  setDefaultColor,
  addEffect,
  clearRange,
  copyRange,
  shift: shiftRange,
  pattern: beatPattern,
  batch,
  addProp,
  removeProp,
  updateProp,
  setShowInfo,
  restore,
} as const;

type Table = typeof commandTable;
export type CommandType = keyof Table;
/** Any command of the table, as it is after validation. */
export type Command = { [K in CommandType]: z.infer<Table[K]['schema']> }[CommandType];
/** Any command of the table, as a caller may write it (defaults not yet filled in). */
export type CommandInput = { [K in CommandType]: z.input<Table[K]['schema']> }[CommandType];

export function commandDefinition(type: string): CommandDefinition | undefined {
  return Object.hasOwn(commandTable, type)
    ? (commandTable[type as CommandType] as CommandDefinition)
    : undefined;
}

/** The commands people and the assistant may use (everything but internal ones). */
export function offeredCommands(): CommandDefinition[] {
  return Object.values(commandTable).filter((definition) => definition.offered) as CommandDefinition[];
}
