import { defineCommand } from './command-definition.js';
import { RestoreCommandSchema } from './restore-schema.js';

export const restore = defineCommand({
  type: 'restore',
  description: 'Internal: put segments, props and fields back as they were (the inverse of an edit).',
  offered: false,
  schema: RestoreCommandSchema,
  execute(session, command) {
    if (command.props) session.restoreProps(command.props.order, command.props.replace, 'props');
    command.propFields?.forEach(({ propId, fields }, index) => {
      session.prop(propId, `propFields.${index}.propId`);
      session.replaceProp(propId, fields);
    });
    command.timelines?.forEach((patch, index) => {
      session.prop(patch.propId, `timelines.${index}.propId`);
      patch.removeIds.forEach((id) => session.remove(patch.propId, id, `timelines.${index}.removeIds`));
      patch.insert.forEach((segment) =>
        session.insertExact(patch.propId, segment, `timelines.${index}.insert`),
      );
    });
    if (command.fields) session.setFields(command.fields);
    session.setNextSegmentNumber(command.nextSegmentNumber);
  },
  label: () => 'restore',
});
