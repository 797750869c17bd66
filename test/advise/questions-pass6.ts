/**
 * A sixth probe pass (2026-12-01, second questions session), written BEFORE any code change in that
 * session and scored untuned first (docs/advice.md has the numbers). Styles the earlier passes
 * under-cover: long rambling Discord messages with code or log lines pasted in, all-lowercase chat
 * speak, numbers read off logs ("val_loss 0.4512 -> 0.6231 after epoch 30"), non-native English, the
 * framework and the symptom named in unusual words, "is it normal that ...", two runs compared, and
 * settings (batch size, units, lr, dropout, epochs, optimizer, seeds, early stopping) asked about as a
 * symptom. Each lists the entries that would be a fitting answer (any listed id counts).
 *
 * Tune data once scored: fixes made for it must be general (vocabulary as data, weights, curve
 * attribution, negation, numbers), never a rule for one of these lines.
 */
import type { Phrasing } from './questions-users.js';

import {
  OVER,
  UNDER,
  HIVAR,
  UNSTABLE,
  GOOD,
  NA,
  NAN,
  DIVERGE,
  SPIKE,
  STILL,
  PLATEAU,
  VALBELOW,
  LEAK,
  CHANCE,
  NOISYVAL,
  NOVAL,
  RUNS,
  STOPPED,
  T,
  LR,
} from './question-ids.js';

export const PASS_6: Phrasing[] = [
  // ---------------------------------------------------------------- overfitting, numbers from logs
  ['val_loss 0.4512 -> 0.6231 after epoch 30 while loss keeps dropping', [OVER]],
  [
    'ok so heres my situation lol. training a LSTM on stock prices (yes i know) with keras, 60 timesteps window, 2 layers of 64. first 12 epochs everything looks great, then this happens:\nEpoch 13/50 - loss: 0.0021 - val_loss: 0.0044\nEpoch 20/50 - loss: 0.0012 - val_loss: 0.0071\nEpoch 30/50 - loss: 0.0007 - val_loss: 0.0105\nwhy does val get worse and worse??',
    [OVER],
  ],
  ['bro my val loss went from .31 to .58 in like 20 epochs but train is at .05 now wtf', [OVER, HIVAR]],
  ['the validation error climbs again after it reached the minimum at epoch 8, the train error still sink', [OVER]],
  ['is it normal that val_loss starts rising after only 5 epochs?', [OVER, T('early_stopping')]],
  [
    'my pytorch lightning model gets worse on the val dataloader every epoch after the 10th, train step loss fine',
    [OVER],
  ],
  ['val mae goes back up from 0.12 to 0.19 while train mae keep falling', [OVER]],
  ['model learn the training data by heart, test is bad', [HIVAR, OVER]],
  // ---------------------------------------------------------------- high variance
  ['acc 0.9987 val_acc 0.7412 after 40 epochs, whats wrong', [HIVAR, OVER]],
  ['train r2 is 0.98 but on validation it is 0.4', [HIVAR, OVER]],
  ['huge difference between loss and val_loss like 0.03 vs 0.9', [HIVAR, OVER]],
  ['the two curves are far apart from each other the whole time, validation much above', [HIVAR, OVER]],
  ['in the train my net is very good, in the validation not so good, why is this', [HIVAR, OVER]],
  ['model does not generalise, train metrics amazing, test metrics trash', [HIVAR, OVER]],
  // ---------------------------------------------------------------- underfitting
  ['loss wont go below 0.9 on train either, val also 0.9, model too dumb?', [UNDER, PLATEAU]],
  ['my lstm is not learning much at all, both losses stay big', [UNDER, PLATEAU]],
  ['even on training set the accuracy is only 60% and validation same', [UNDER, PLATEAU]],
  ['model is too simple i think, training error high validation error high', [UNDER]],
  ['is it normal that train loss and val loss are the same and both high?', [UNDER]],
  ['the fit is bad on everything, train and val both mse around 0.5', [UNDER]],
  // ---------------------------------------------------------------- unstable
  ['my loss is all over the place 0.4 1.2 0.3 1.5 0.6', [UNSTABLE, SPIKE, LR]],
  ['the training curve looks like a seismograph lol', [UNSTABLE, LR]],
  ['loss goes crazy up and down, is the learning rate the problem', [UNSTABLE, LR]],
  ['tf keras loss wobbles a lot, never smooth', [UNSTABLE, LR, T('batch_size')]],
  ['my training is very unstable with batch size 4', [UNSTABLE, T('batch_size')]],
  ['the loss is jittery and does not really go down', [UNSTABLE, LR]],
  // ---------------------------------------------------------------- good fit
  ['loss 0.082 val_loss 0.085 at the end, both went down smoothly, am i done?', [GOOD]],
  ['is it normal that train and val curves almost overlap?', [GOOD]],
  ['curves look nice and close, i think its fine but want to be sure', [GOOD]],
  ['everything goes down together no gap no nothing, good model?', [GOOD]],
  // ---------------------------------------------------------------- not assessable
  ['i only ran 3 epochs can u tell me if it overfit', [NA]],
  ['my log has just 2 lines, enough to say anything?', [NA]],
  ['trained for one epoch only, what does the curve say', [NA]],
  // ---------------------------------------------------------------- nan / inf
  ['loss became nan at epoch 7, before it was 0.43', [NAN]],
  ['Epoch 5/20 - loss: nan - val_loss: nan   help', [NAN]],
  ['after few steps my loss print "inf" and then nan everywhere', [NAN]],
  ['why pytorch gives me nan loss with lstm and adam lr 0.1', [NAN, LR]],
  ['loss is not a number suddenly', [NAN]],
  // ---------------------------------------------------------------- diverging
  ['loss 0.6 -> 3.1 -> 25 -> 480 -> 9000 what happened', [DIVERGE, NAN]],
  ['training loss blows up to 1e12 after epoch 3', [DIVERGE, NAN]],
  ['loss goes upward from the very first epoch and never comes down', [DIVERGE, LR]],
  ['the loss grows and grows, lr 0.5 sgd', [DIVERGE, LR]],
  // ---------------------------------------------------------------- spikes
  ['there is a big jump in the loss at epoch 42 then it comes back down', [SPIKE]],
  ['every few hundred steps the loss shoots up for a moment and then recovers', [SPIKE]],
  ['sudden peak in train loss at epoch 17 (0.2 to 1.9) then normal again', [SPIKE]],
  ['is it normal that loss has spikes sometimes?', [SPIKE]],
  // ---------------------------------------------------------------- still improving
  ['at epoch 100 the loss was still dropping 0.0312 0.0301 0.0290, should i train more', [STILL, T('epochs')]],
  ['my curve is still going down when training ended, not flat yet', [STILL]],
  ['val loss improve every epoch until the last one, maybe more epochs?', [STILL, T('epochs')]],
  ['it hasnt converged yet right? loss keeps decreasing slowly', [STILL]],
  // ---------------------------------------------------------------- plateau
  ['loss stays at 0.3412 from epoch 25 to epoch 80, no change at all', [PLATEAU]],
  ['training stagnates after 10 epochs, the loss doesnt move anymore', [PLATEAU]],
  ['my loss is stuck around 1.2 no matter what i do', [PLATEAU, UNDER]],
  ['loss flatline since ep 15', [PLATEAU]],
  ['the curve goes flat very early and stays flat', [PLATEAU]],
  // ---------------------------------------------------------------- val below train
  ['why is val_loss 0.21 but loss 0.35, validation better than training??', [VALBELOW]],
  ['is it normal that validation accuracy is higher than train accuracy with dropout 0.5', [VALBELOW, T('dropout')]],
  ['my test loss is always under my train loss, bug?', [VALBELOW, LEAK]],
  ['val curve sits below the train curve the whole training', [VALBELOW]],
  // ---------------------------------------------------------------- leakage
  ['val_accuracy: 1.0000 from epoch 2, too easy?', [LEAK]],
  ['my model gets 99.8% on validation for a really hard problem, something fishy', [LEAK]],
  ['maybe my test data is inside train data? results are too perfect', [LEAK]],
  ['i shuffled before splitting my time series and now val is perfect', [LEAK]],
  // ---------------------------------------------------------------- chance level
  ['binary classifier loss sits at 0.6931 forever', [CHANCE]],
  ['10 classes and the loss is 2.30 every epoch', [CHANCE]],
  ['accuracy 0.3333 constant, 3 classes', [CHANCE]],
  ['network predicts the same class for every input', [CHANCE]],
  ['val_acc exactly 0.5000 all epochs', [CHANCE]],
  ['my model is no better than guessing', [CHANCE]],
  // ---------------------------------------------------------------- noisy validation
  ['train loss is smooth but val loss jumps like crazy', [NOISYVAL]],
  ['only the validation curve is zigzag, training curve is fine', [NOISYVAL]],
  ['val acc goes 0.71 0.64 0.73 0.62 0.75 each epoch while train acc climbs smoothly', [NOISYVAL]],
  ['my validation set is tiny (50 samples) and the val curve is very noisy', [NOISYVAL, T('kfold')]],
  // ---------------------------------------------------------------- no validation
  ['i dont have val_loss in my history, only loss', [NOVAL]],
  ['model.fit without validation_data, can you still tell me if it overfits', [NOVAL]],
  ['history.history keys: loss, accuracy. where is val?', [NOVAL]],
  // ---------------------------------------------------------------- multiple runs
  ['i pasted two trainings in one file, first with lr 1e-3 second with 1e-4', [RUNS, T('multi_run')]],
  [
    'run A overfits at epoch 10, run B with dropout not until 30, which one is better',
    [RUNS, T('multi_run'), T('dropout')],
  ],
  [
    'comparing two runs: batch 32 ends at val_loss 0.41, batch 128 at 0.47, why different',
    [RUNS, T('multi_run'), T('batch_size')],
  ],
  // ---------------------------------------------------------------- early stopped
  ['training stopped at epoch 23 of 100, i didnt stop it', [STOPPED, T('early_stopping')]],
  ['why did keras end the training before all my epochs', [STOPPED, T('early_stopping')]],
  ['Epoch 00031: early stopping   <- what does this mean', [STOPPED, T('early_stopping')]],
  // ---------------------------------------------------------------- settings as a symptom
  ['i changed batch size from 32 to 256 and now the model learns way slower', [T('batch_size')]],
  ['with batch_size=1 the training takes forever and loss is noisy', [T('batch_size'), UNSTABLE]],
  ['more units made it worse: 32 units val 0.3, 256 units val 0.5', [T('units'), OVER]],
  ['how much neurons i need in my lstm layer', [T('units')]],
  ['does adding a 3rd lstm layer help or hurt', [T('layers')]],
  ['lr 0.01 diverges, lr 0.0001 too slow, what is in between', [LR]],
  ['what learning rate to pick for adam on a small lstm', [LR, T('optimizer')]],
  ['the lr should go down during training? how', [T('lr_schedule')]],
  ['dropout 0.5 makes my training loss higher than before, is that bad', [T('dropout'), VALBELOW]],
  ['where do i put dropout in an lstm, recurrent_dropout or after', [T('dropout')]],
  ['how many epochs is enough, i always do 500', [T('epochs'), T('early_stopping')]],
  ['adam vs sgd vs rmsprop for time series lstm, which one', [T('optimizer')]],
  ['every time i run the same notebook i get a different val_loss, 0.31 then 0.38 then 0.29', [T('multi_run')]],
  ['how to set the seed so keras gives same results', [T('multi_run')]],
  ['earlystopping patience 3 stops too early, what patience to use', [T('early_stopping')]],
  ['how do i keep the weights of the best epoch not the last', [T('checkpoint'), T('early_stopping')]],
  ['TypeError: __init__() got an unexpected keyword argument lr', [T('lr_kwarg')]],
  ['my inputs are like 20000 and 0.5 in different columns, loss huge', [T('scaling')]],
  ['how long should my input sequences be, 10 or 100 timesteps', [T('sequence_length')]],
  ['gradient clipping, should i use clipnorm in keras for my lstm', [T('gradient_clipping')]],
  ['l2 or dropout, what is better against overfit', [T('regularization'), T('dropout'), OVER]],
  ['my regression model shows accuracy 0.0 the whole time', [T('accuracy_zero')]],
  ['how do i tune hyperparameters automatically, keras tuner?', [T('hyperopt')]],
  ['how to read these loss graphs, i am beginner', [T('reading_curves')]],
  ['can i average predictions of 5 lstm models', [T('ensemble')]],
  ['my model says 99% probability but is wrong a lot', [T('overconfidence')]],
  ['cross validation for lstm, k fold on time series ok?', [T('kfold')]],
];

/**
 * A seventh probe pass, written after the sixth was fixed (so the sixth's families had been seen),
 * scored untuned first: same under-covered styles, new wording.
 */
export const PASS_7: Phrasing[] = [
  ['yo quick q, val_loss was 0.38 at ep 12 now its 0.55 at ep 40 and loss is 0.09, whats going on', [OVER, HIVAR]],
  ['the validation curve makes a smile shape, bottom around epoch 15', [OVER]],
  ['after epoch 25 my model start to be worse on validation but better on train, why happen this', [OVER]],
  [
    'Epoch 48/100\nloss: 0.0102 - accuracy: 0.9971 - val_loss: 0.9921 - val_accuracy: 0.8012\nis this bad??',
    [HIVAR, OVER],
  ],
  ['train f1 0.95 val f1 0.61', [HIVAR, OVER]],
  ['my model works super on training data but on validation data it is meh', [HIVAR, OVER]],
  ['both loss curves stuck high around 0.7 for regression, model learns nothing useful', [UNDER, PLATEAU]],
  ['is it normal that my lstm cannot even overfit a tiny dataset?', [UNDER]],
  ['training loss and val loss are both big, like 3.5 and 3.6', [UNDER]],
  ['loss goes up down up down like crazy, lr=0.05', [UNSTABLE, LR]],
  ['my curve is super noisy, looks like a hedgehog', [UNSTABLE, NOISYVAL]],
  ['train loss is never stable, each epoch very different value', [UNSTABLE]],
  ['final epoch: loss 0.143 val 0.151, started at 0.9 and 0.92. ok?', [GOOD]],
  ['both lines go down nicely hand in hand', [GOOD]],
  ['is it normal that the val loss follows the train loss so closely', [GOOD]],
  ['can u diagnose 2 epochs of training', [NA]],
  ['val_loss: nan from the first epoch, loss is fine', [NAN]],
  ['loss printed as -inf', [NAN]],
  ['after epoch 4 everything becomes nan in pytorch', [NAN]],
  ['loss increasing exponentially 1.2 4.5 19 88', [DIVERGE]],
  ['my training just diverges, loss goes to the moon', [DIVERGE, LR]],
  ['there are some random peaks in the loss graph but overall it goes down', [SPIKE]],
  ['at step 3000 loss suddenly jumps from 0.1 to 4 and slowly comes down', [SPIKE]],
  ['loss is still going down at the last epoch, 0.0456 -> 0.0431', [STILL]],
  ['curve not yet flat when the 50 epochs finished', [STILL]],
  ['loss doesnt change since epoch 12, stays 0.512', [PLATEAU]],
  ['my loss is kinda frozen after the first few epochs', [PLATEAU]],
  ['val loss 0.18 train loss 0.31, is it normal that val is lower', [VALBELOW]],
  ['validation is always better than training in my plots, why', [VALBELOW]],
  ['val accuracy 100% after 1 epoch, i think something is wrong', [LEAK]],
  ['are my train and test sets overlapping? scores too high', [LEAK]],
  ['loss stays at 1.0986 every epoch, 3 classes', [CHANCE]],
  ['the classifier outputs always 0', [CHANCE]],
  ['accuracy 50% on a balanced binary problem and it doesnt move', [CHANCE]],
  ['only my val curve is jumpy, train is smooth', [NOISYVAL]],
  ['validation accuracy jumps around between 60 and 80 each epoch', [NOISYVAL]],
  ['no validation curve in my plot, only training', [NOVAL]],
  ['i trained 3 times and pasted all logs together', [RUNS]],
  ['training ended at epoch 17 though i set epochs=200', [STOPPED, T('early_stopping')]],
  ['batch size 512 gives worse val loss than batch size 32, why', [T('batch_size')]],
  ['is 256 units too much for 1000 samples', [T('units'), OVER]],
  ['lr 1e-2 loss nan, lr 1e-4 loss stuck, help pick lr', [LR]],
  ['my val_loss stops improving, what patience should early stopping have', [T('early_stopping'), PLATEAU]],
  ['dropout 0.2 vs 0.5 which one should i use for lstm', [T('dropout')]],
  ['i run 1000 epochs, too many?', [T('epochs')]],
  ['sgd learns very slowly compared to adam, normal?', [T('optimizer')]],
  ['results not the same when i restart the kernel', [T('multi_run')]],
  ['want to save model only when val loss improves', [T('checkpoint')]],
  ['my prices are around 40000 and the lstm predicts garbage', [T('scaling')]],
  ['window of 30 days or 90 days for lstm input', [T('sequence_length')]],
];
