import type { BuiltinTemplateId, MessageKey } from '@torg/shared';

/** Each built-in template's name, as the template picker and the plan of the day show it. */
export const TEMPLATE_NAME: Record<BuiltinTemplateId, MessageKey> = {
  blank: 'template.blank.name',
  future: 'template.future.name',
  stakeholders: 'template.stakeholders.name',
  journey: 'template.journey.name',
  insights: 'template.insights.name',
  goals: 'template.goals.name',
};
