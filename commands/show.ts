/**
 * /show id:#a3f9 — a kept run answered again: its stored series rebuilt as the log ingest made it and
 * run through the same pipeline as /diagnose (diagnosis, advice, chart), under a line saying whose run
 * it was, when, and where it came from.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { deferAs, refusalText } from '../src/bot/flow.js';
import { UserError } from '../src/bot/errors.js';
import { answerRunIds, loadRun, memoryOf, readRunId, who } from '../src/bot/memory.js';
import { diagnosisView, IMAGE_NAME, messageOf } from '../src/bot/present.js';
import { clip, line } from '../src/bot/text.js';
import { DIALECT_CHOICES } from '../src/bot/options.js';
import { isDialect } from '../src/advise/index.js';
import { formatRunId, type StoredRun } from '../src/memory/index.js';

interface ShowPlan {
  run: StoredRun;
  dialect?: string;
  ephemeral: boolean;
}

export default {
  data: {
    name: 'show',
    description: 'Show a kept run again: chart, verdict and advice (ids from /history)',
    ...EVERYWHERE,
    options: [
      {
        type: 3,
        name: 'id',
        description: 'The run, e.g. #a3f9',
        required: true,
        max_length: 40,
        autocomplete: true,
      },
      {
        type: 3,
        name: 'dialect',
        description: 'Keras flavour for the code (default: guessed from the log)',
        required: false,
        choices: DIALECT_CHOICES,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  // the run is looked up before the defer: "no such run" is answered privately, at once
  async prepare(i: ChatInputCommandInteraction, ctx): Promise<ShowPlan> {
    memoryOf(ctx);
    const d = i.options.getString('dialect');
    return {
      run: await loadRun(ctx, i, readRunId(i.options.getString('id', true))),
      ...(d && isDialect(d) ? { dialect: d } : {}),
      ephemeral: i.options.getBoolean('private') ?? false,
    };
  },
  rateLimit: 'diagnoses',
  defer: deferAs,
  async execute(i: ChatInputCommandInteraction, ctx, plan) {
    const { run } = plan;
    const r = await ctx.pool.run({
      kind: 'diagnose',
      input: { data: '', fileName: run.title.slice(0, 60), log: run.log },
      options: {
        ...(run.metric ? { metric: run.metric } : {}),
        ...(plan.dialect ? { dialect: plan.dialect } : {}),
        chart: { width: ctx.config.CHART_WIDTH, theme: ctx.config.CHART_THEME },
        imageName: IMAGE_NAME,
      },
    });
    if (!r.ok) throw new UserError(refusalText(r.message), r.code);
    if (r.kind !== 'diagnose') throw new Error('unexpected task result');
    // our line (a mention and a timestamp, never pinged) above the /diagnose footnotes; the title is the user's text
    const head = `-# ${formatRunId(run.id)} · ${run.source.replace('_', '-')} by ${who(run.userId)} <t:${Math.floor(run.createdAt / 1000)}:R> · ${line(run.title, 120)}${run.backend ? ` · ${line(run.backend, 30)}` : ''}`;
    const view = diagnosisView(r.result, r.png, ctx.store);
    await i.editReply(messageOf({ ...view, content: clip(`${head}\n${view.content ?? ''}`, 2000) }));
  },
  autocomplete: answerRunIds,
} satisfies Command<ChatInputCommandInteraction, ShowPlan>;
