/**
 * Logs from other frameworks: our snippets are Keras, so replies for these logs add one line with the
 * same remedies in the user's own framework (settings named as in their docs).
 */
import type { Format } from '../../ingest/schema.js';

/** A reinforcement-learning run (its episode reward or return judged): what carries over from the guide, and where. */
export const RL_NOTE =
  "This is a reinforcement-learning run: an agent is judged on its reward, as the training curve. The guide's remedies are for supervised training, so only those that carry over to an agent are shown. In Stable-Baselines3 the same knobs are learning_rate=, max_grad_norm= (gradient clipping, PPO/A2C), n_steps= and batch_size=, and EvalCallback for evaluation episodes; in your own loop, the optimizer of the agent's network.";

export const FRAMEWORK_NOTES: Partial<Record<Format, string>> = {
  'hf-trainer-state':
    'Your log is from the Hugging Face Trainer; the snippets are Keras. Same ideas there: EarlyStoppingCallback(early_stopping_patience=N) with load_best_model_at_end=True and metric_for_best_model, and learning_rate, weight_decay, max_grad_norm (clipping), per_device_train_batch_size and lr_scheduler_type="cosine" in TrainingArguments.',
  'lightning-csv':
    'Your log is from PyTorch Lightning; the snippets are Keras. Same ideas there: the EarlyStopping(monitor="val_loss", patience=N) and ModelCheckpoint(save_top_k=1) callbacks, Trainer(gradient_clip_val=1.0, max_epochs=...), and the learning rate and weight decay in configure_optimizers.',
  'fastai-csv':
    'Your log is from fastai; the snippets are Keras. Same ideas there: EarlyStoppingCallback(patience=N) and SaveModelCallback, learn.lr_find() for the learning rate, fit_one_cycle for the schedule, and wd= for weight decay.',
  'ultralytics-csv':
    'Your log is from Ultralytics YOLO; the snippets are Keras. Same ideas there: patience=, lr0=, cos_lr=True, weight_decay= and batch= arguments of model.train().',
};

/**
 * Where a YOLO run's results file is and which validation losses it holds that the console leaves out, from the
 * training losses the console printed (results.csv's own names, `train/box_loss` -> `val/box_loss`): YOLOv5's
 * objectness loss says v5 (`runs/train/exp`, `runs/train-seg/exp`, `runs/train-cls/exp`), else the Ultralytics
 * package (`runs/detect/train`, `runs/segment/train`, `runs/pose/train`, `runs/classify/train`). A console that also
 * prints the losses' total (`box obj cls total`: yolov3 and YOLOv5 before 6.0) writes `results.txt`, headerless, its
 * last three columns the validation's losses. A loss alone (`train/loss`) is a classifier's.
 */
export function yoloResults(names: string[]): { path: string; losses: string[]; txt: boolean } {
  const train = names.filter((n) => /^train\/\w+$/.test(n));
  const parts = train.filter((n) => n !== 'train/loss');
  const has = (re: RegExp) => parts.some((n) => re.test(n));
  const txt = parts.length > 0 && parts.length < train.length;
  const task = has(/seg_loss/)
    ? 'segment'
    : has(/(?:pose|kobj)_loss/)
      ? 'pose'
      : parts.length === 0
        ? 'classify'
        : 'detect';
  const v5 = txt || (has(/obj_loss/) && !has(/kobj/));
  const dir = v5
    ? `runs/${{ detect: 'train', segment: 'train-seg', pose: 'train', classify: 'train-cls' }[task]}/exp`
    : `runs/${task}/train`;
  const losses = (parts.length > 0 ? parts : train).map((n) => n.replace(/^train\//, 'val/'));
  return { path: `${dir}/results.${txt ? 'txt' : 'csv'}`, losses, txt };
}
