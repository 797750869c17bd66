/**
 * A fresh set of questions as users type them, written in one pass on 2026-12-01 BEFORE any change to
 * query understanding in that session, and scored untuned first (see docs/advice.md for the numbers).
 * Not written from the knowledge entries' questions or keywords, nor from questions-users.ts: from
 * how people ask on forums and Discord (typos, no punctuation, non-native English, numbers such as
 * 0.693 / 2.303 / 1e10 / nan / 50%, framework words, rambling context, one-word questions, two things
 * at once). Each lists the entries that would be a fitting answer (any listed id counts).
 *
 * FRESH_SET is a generalisation check, not tune data: changes must be general (vocabulary, negation,
 * curve attribution, weights), never a rule for one of these lines. FINAL_SET (below) was written at
 * the end of the session and never tuned on at all: it is the honest number.
 */
import type { Phrasing } from './questions-users.js';

const OVER = 'pattern:overfitting';
const UNDER = 'pattern:underfitting';
const HIVAR = 'pattern:high_variance';
const UNSTABLE = 'pattern:unstable';
const GOOD = 'pattern:good_fit';
const NA = 'pattern:not_assessable';
const NAN = 'finding:nan_inf';
const DIVERGE = 'finding:diverging';
const SPIKE = 'finding:loss_spike';
const STILL = 'finding:still_improving';
const PLATEAU = 'finding:plateau';
const VALBELOW = 'finding:val_better_than_train';
const LEAK = 'finding:possible_leakage';
const CHANCE = 'finding:stuck_at_chance';
const NOISYVAL = 'finding:noisy_validation';
const NOVAL = 'finding:no_validation';
const RUNS = 'finding:multiple_runs';
const STOPPED = 'finding:early_stopped';
const T = (name: string) => `topic:${name}`;
const LR = T('learning_rate');

export const FRESH_SET: Phrasing[] = [
  // ---------------------------------------------------------------- overfitting
  ['overfit?', [OVER, HIVAR]],
  ['val_loss goes up after epoch 10 train loss keeps going down keras', [OVER]],
  ['pytorch: my validation loss started increasing while training loss still decreases, normal?', [OVER]],
  ['hi all, first time posting. I am doing a sentiment project for my uni course with an lstm in keras, dataset is about 5k tweets. after around epoch 6 the val loss begins to rise again but the train loss go lower and lower. what is happening', [OVER]],
  ['validation loss not decreasing anymore and now increasing, training loss fine', [OVER]],
  ['val loss u shape what means', [OVER]],
  ['my model is memorising the train set i think', [OVER, HIVAR]],
  ['valloss increase trainloss decrease', [OVER]],
  ['lightning logs show val_loss rising from epoch 4, train_loss falling', [OVER]],
  ['how to reduce overfitting lstm', [OVER, T('dropout'), T('regularization')]],
  ['val loss bottomed out at epoch 15 and has been creeping up since', [OVER, T('early_stopping')]],
  // ---------------------------------------------------------------- high variance
  ['train acc 98% val acc 65% why so big difference', [HIVAR, OVER]],
  ['training loss 0.02 validation loss 1.3', [HIVAR, OVER]],
  ['why there is big gap between my train and test accuracy', [HIVAR, OVER]],
  ['val loss is always way higher than the train loss, like 10 times', [HIVAR, OVER]],
  ['model perfect on training data but bad on test data', [HIVAR, OVER]],
  ['large generalization gap lstm', [HIVAR, OVER]],
  ['training accuracy much better than validation accuracy from the start', [HIVAR, OVER]],
  // ---------------------------------------------------------------- underfitting
  ['underfit?', [UNDER]],
  ['both train and val loss are high and dont go down much', [UNDER, PLATEAU]],
  ['my model cant learn even the training set, accuracy stays low', [UNDER, CHANCE, PLATEAU]],
  ['training and validation loss close together but both bad', [UNDER]],
  ['the lstm is too small? loss high on train and on val', [UNDER, T('units')]],
  ['model not complex enough? high bias', [UNDER]],
  ['loss is high for both sets, what to increase, units or layers', [UNDER, T('units'), T('layers')]],
  // ---------------------------------------------------------------- unstable
  ['loss jumping up and down every epoch no trend', [UNSTABLE, LR]],
  ['train loss very unstable goes 0.5 then 2.1 then 0.8 then 1.9', [UNSTABLE, SPIKE, LR]],
  ['my training curve looks like a zigzag, lr too high?', [UNSTABLE, LR]],
  ['pytorch loss oscillates a lot doesnt converge', [UNSTABLE, LR]],
  ['loss keeps bouncing and never really goes down', [UNSTABLE, LR]],
  ['why is my loss so noisy', [UNSTABLE, NOISYVAL, T('batch_size')]],
  // ---------------------------------------------------------------- good fit
  ['is this good fit? train and val loss both go down and end close', [GOOD]],
  ['both curves decrease together and are very close at the end, is it ok', [GOOD]],
  ['train loss 0.21 val loss 0.23 after 50 epochs, good?', [GOOD]],
  ['no overfitting and no underfitting right?', [GOOD]],
  ['how do i know my model is fine', [GOOD, T('reading_curves')]],
  ['validation and training curves almost same, looks good?', [GOOD]],
  // ---------------------------------------------------------------- not assessable
  ['only trained 2 epochs can you tell anything', [NA]],
  ['my log has 3 lines is it enough to say something', [NA]],
  ['why does it say not assessable', [NA]],
  ['history too short to judge?', [NA]],
  // ---------------------------------------------------------------- nan / inf
  ['loss nan', [NAN]],
  ['loss: nan after epoch 3 keras', [NAN]],
  ['my loss become inf then nan', [NAN]],
  ['pytorch training loss is nan from the first batch', [NAN]],
  ['val_loss shows NaN but loss is fine', [NAN]],
  ['why nan', [NAN]],
  // ---------------------------------------------------------------- diverging
  ['training loss keeps increasing every epoch', [DIVERGE, LR]],
  ['loss goes to 1e10', [DIVERGE, NAN]],
  ['my loss explodes after a few epochs', [DIVERGE, NAN, T('gradient_clipping')]],
  ['loss grows instead of going down', [DIVERGE, LR]],
  ['loss 0.7 1.2 3.5 12.9 80.1 whats wrong', [DIVERGE, LR]],
  ['the train loss is getting bigger not smaller', [DIVERGE, LR]],
  // ---------------------------------------------------------------- spike
  ['sudden spike in loss at epoch 40 then it recovers', [SPIKE]],
  ['loss has random peaks', [SPIKE, UNSTABLE]],
  ['there is a big jump in training loss in the middle and then goes back down', [SPIKE]],
  ['spikes in loss curve pytorch', [SPIKE]],
  ['what cause the loss spikes', [SPIKE]],
  // ---------------------------------------------------------------- still improving
  ['loss still going down at last epoch, train more?', [STILL, T('epochs')]],
  ['training ended but val loss was still decreasing', [STILL, T('epochs')]],
  ['the model has not converged yet after 100 epochs', [STILL, T('epochs')]],
  ['should i train longer, curves still dropping', [STILL, T('epochs')]],
  ['loss keep decrease until the end', [STILL]],
  // ---------------------------------------------------------------- plateau
  ['loss not decreasing after epoch 10', [PLATEAU]],
  ['loss stuck at 0.45 for many epochs', [PLATEAU]],
  ['train loss flat line', [PLATEAU, CHANCE]],
  ['my loss stopped going down', [PLATEAU]],
  ['val loss doesnt improve since epoch 25', [PLATEAU, OVER, T('early_stopping')]],
  ['loss plateaus very early, what to do', [PLATEAU, LR]],
  ['curve is flat after the first few epochs nothing happen', [PLATEAU]],
  // ---------------------------------------------------------------- val below train
  ['val loss lower than train loss??', [VALBELOW]],
  ['why validation loss smaller then training loss', [VALBELOW]],
  ['val accuracy higher than train accuracy is it bug', [VALBELOW, LEAK]],
  ['validation loss is below training loss the whole time with dropout', [VALBELOW]],
  ['test loss < train loss keras', [VALBELOW]],
  // ---------------------------------------------------------------- leakage
  ['val acc 100% from epoch 1 is this real', [LEAK]],
  ['validation accuracy 1.0 too good to be true', [LEAK]],
  ['my test score is suspiciously perfect', [LEAK]],
  ['val loss 0.0000 is that possible', [LEAK]],
  ['i think my data is leaking into the validation set', [LEAK]],
  // ---------------------------------------------------------------- stuck at chance
  ['training loss stuck at 0.693', [CHANCE]],
  ['loss stays 2.303 on mnist', [CHANCE]],
  ['accuracy always 50% binary classification', [CHANCE]],
  ['acc stuck 0.5 and loss 0.6931', [CHANCE]],
  ['model predicts only one class', [CHANCE]],
  ['loss 1.0986 every epoch 3 classes', [CHANCE]],
  ['accuracy stays at 10% with 10 classes keras', [CHANCE]],
  ['my classifier is no better than random guessing', [CHANCE]],
  // ---------------------------------------------------------------- noisy validation
  ['val loss is very noisy while train loss is smooth', [NOISYVAL]],
  ['validation curve jumps a lot but training curve is ok', [NOISYVAL]],
  ['val accuracy fluctuates between 60 and 80 percent', [NOISYVAL]],
  ['why does val_loss oscillate so much', [NOISYVAL]],
  ['validation loss zig zag', [NOISYVAL]],
  // ---------------------------------------------------------------- no validation
  ['i dont have val_loss in my history', [NOVAL]],
  ['no validation data, only training loss', [NOVAL]],
  ['how to add validation_split to see val loss', [NOVAL]],
  ['my log has only loss no val_loss why', [NOVAL]],
  // ---------------------------------------------------------------- several runs
  ['my log file has two trainings in it', [RUNS]],
  ['i pasted output of 3 runs together', [RUNS]],
  ['epoch counter restarts at 1 in the middle of the log', [RUNS]],
  // ---------------------------------------------------------------- early stopped
  ['training stopped at epoch 23 of 100 why', [STOPPED, T('early_stopping')]],
  ['why my fit end before all epochs', [STOPPED, T('early_stopping')]],
  ['earlystopping stopped my training too early', [STOPPED, T('early_stopping')]],
  ['it says "restoring model weights from the end of the best epoch" and stops', [STOPPED, T('early_stopping')]],
  // ---------------------------------------------------------------- reading curves
  ['how to plot history.history in keras', [T('reading_curves')]],
  ['how do i read a learning curve', [T('reading_curves')]],
  ['plot train and val loss matplotlib', [T('reading_curves')]],
  // ---------------------------------------------------------------- overconfidence
  ['val loss and val accuracy both increasing, how?', [T('overconfidence')]],
  ['validation accuracy goes up but validation loss also goes up', [T('overconfidence')]],
  ['val_acc improving while val_loss getting worse', [T('overconfidence'), OVER]],
  // ---------------------------------------------------------------- accuracy zero
  ['accuracy is 0 but loss goes down regression', [T('accuracy_zero')]],
  ['accuracy always 0.0000 for my lstm forecasting prices', [T('accuracy_zero')]],
  ['why accuracy metric useless for regression', [T('accuracy_zero')]],
  // ---------------------------------------------------------------- units
  ['how many units lstm', [T('units')]],
  ['64 or 128 neurons in lstm layer?', [T('units')]],
  ['what hidden size should i use', [T('units')]],
  // ---------------------------------------------------------------- layers
  ['should i stack 2 lstm layers', [T('layers')]],
  ['return_sequences=True error when stacking', [T('layers')]],
  ['how many lstm layer is good', [T('layers')]],
  // ---------------------------------------------------------------- optimizer
  ['adam or sgd for lstm', [T('optimizer')]],
  ['which optimiser is best', [T('optimizer')]],
  ['rmsprop vs adam time series', [T('optimizer')]],
  // ---------------------------------------------------------------- learning rate
  ['what learning rate should i use', [LR]],
  ['lr 0.01 too high?', [LR]],
  ['good learning rate for adam lstm', [LR, T('optimizer')]],
  ['learnig rate 1e-3 or 1e-4', [LR]],
  // ---------------------------------------------------------------- lr schedule
  ['how to decay learning rate over epochs', [T('lr_schedule')]],
  ['cosine decay keras example', [T('lr_schedule')]],
  ['ReduceLROnPlateau or schedule?', [T('lr_schedule'), PLATEAU]],
  // ---------------------------------------------------------------- batch size
  ['batch size 32 or 256', [T('batch_size')]],
  ['does batch size matter', [T('batch_size')]],
  ['small batch vs big batch lstm', [T('batch_size')]],
  // ---------------------------------------------------------------- epochs
  ['how many epoch should i train', [T('epochs'), T('early_stopping')]],
  ['is 1000 epochs too much', [T('epochs')]],
  ['number of epochs lstm', [T('epochs')]],
  // ---------------------------------------------------------------- early stopping howto
  ['how to use early stopping in keras', [T('early_stopping')]],
  ['what patience for earlystopping', [T('early_stopping')]],
  ['early stopping pytorch lightning', [T('early_stopping')]],
  // ---------------------------------------------------------------- dropout
  ['where to put dropout in lstm', [T('dropout')]],
  ['dropout vs recurrent_dropout', [T('dropout')]],
  ['how much dropout 0.2 or 0.5', [T('dropout')]],
  // ---------------------------------------------------------------- regularization
  ['l2 regularization value for lstm', [T('regularization')]],
  ['kernel_regularizer how strong', [T('regularization')]],
  ['weight decay how much', [T('regularization')]],
  // ---------------------------------------------------------------- gradient clipping
  ['gradient clipping keras', [T('gradient_clipping')]],
  ['clipnorm or clipvalue', [T('gradient_clipping')]],
  ['exploding gradients in my rnn how fix', [T('gradient_clipping')]],
  // ---------------------------------------------------------------- scaling
  ['should i normalize my data before lstm', [T('scaling')]],
  ['my inputs are prices in the thousands, do i scale them', [T('scaling')]],
  ['standardscaler or minmaxscaler', [T('scaling')]],
  ['fit scaler on train only or all data', [T('scaling'), LEAK]],
  // ---------------------------------------------------------------- kfold
  ['cross validation for time series lstm', [T('kfold')]],
  ['can i use kfold with sequences', [T('kfold')]],
  ['walk forward validation how', [T('kfold')]],
  // ---------------------------------------------------------------- ensemble
  ['average predictions of 5 lstm models', [T('ensemble')]],
  ['ensemble of lstms better?', [T('ensemble')]],
  // ---------------------------------------------------------------- hyperopt
  ['how to tune hyperparameters automatically', [T('hyperopt')]],
  ['bayesian optimization for lstm hyperparameters', [T('hyperopt')]],
  ['optuna or hyperopt', [T('hyperopt')]],
  // ---------------------------------------------------------------- arch search
  ['search best number of layers and units automatically', [T('arch_search'), T('hyperopt')]],
  ['find the best lstm architecture', [T('arch_search')]],
  // ---------------------------------------------------------------- multi run / seeds
  ['different results every time i run the same code', [T('multi_run')]],
  ['how to set seed keras reproducible', [T('multi_run')]],
  ['results change each run why', [T('multi_run')]],
  // ---------------------------------------------------------------- case study
  ['example temperature forecast with lstm', [T('case_study')]],
  ['weather prediction lstm tutorial', [T('case_study')]],
  // ---------------------------------------------------------------- sequence length
  ['what window size for lstm', [T('sequence_length')]],
  ['how many timesteps should i use', [T('sequence_length')]],
  ['lookback 30 or 60 days', [T('sequence_length')]],
  // ---------------------------------------------------------------- lr kwarg
  ['Adam(lr=0.001) gives error', [T('lr_kwarg')]],
  ['lr is deprecated use learning_rate', [T('lr_kwarg')]],
  ['unexpected keyword argument lr', [T('lr_kwarg')]],
  // ---------------------------------------------------------------- checkpoint
  ['how to save the best model during training', [T('checkpoint')]],
  ['ModelCheckpoint save_best_only', [T('checkpoint')]],
  ['keep weights of best epoch', [T('checkpoint'), T('early_stopping')]],
];

/**
 * A second fresh pass, written right after the first scored 97.1% untuned (also before any code
 * change): harder on purpose -- heavier typos, no punctuation, non-native grammar, numbers with no
 * metric named, long rambling context, framework words, two things named at once.
 */
export const FRESH_SET_2: Phrasing[] = [
  ['my val los is going upp after epoc 7 but trainning loss is going donw', [OVER]],
  ['hello i am new in deep learning. i make lstm for predict stock with keras and tensorflow 2.12, 3 layers 128 units dropout 0.2, batch 64. the validation loss is increase since epoch 5 but train loss decrease until end. please help what i do wrong', [OVER]],
  ['train loss 0.1 val loss 0.9 what does this mean', [HIVAR, OVER]],
  ['accuarcy on train 0.99 on validaton 0.71', [HIVAR, OVER]],
  ['the difference between trainig and validation is very big from epoch 1', [HIVAR, OVER]],
  ['why model good in train but worst in test', [HIVAR, OVER]],
  ['losses both stay around 0.9 and not going down', [UNDER, PLATEAU]],
  ['the model is not learning, train loss and val loss both high from start to end', [UNDER, PLATEAU]],
  ['lstm cant fit even training data what to do', [UNDER]],
  ['loss go up and down up and down whole training', [UNSTABLE, LR]],
  ['traning loss very noisy and not decresing at all', [UNSTABLE, LR]],
  ['the loss is all over the place with lightning, lr=0.1', [UNSTABLE, LR]],
  ['val and train loss decreasing togheter and end close 0.12 vs 0.13', [GOOD]],
  ['is my model good? both curve go down and stay near', [GOOD]],
  ['i only have 1 epoch in the log', [NA]],
  ['loss = nan', [NAN]],
  ['loss becomes Nan in pytorch after some steps, using amp', [NAN]],
  ['val_loss: inf', [NAN]],
  ['why loss is nan and accuracy 0', [NAN]],
  ['my loss 1e+12', [DIVERGE, NAN]],
  ['loss diverge after epoch 3', [DIVERGE, LR]],
  ['training loss increase', [DIVERGE, LR]],
  ['loss going up instead of down from epoch one, using sgd lr 0.5', [DIVERGE, LR]],
  ['there is one spike in my loss at epoch 12 then normal again', [SPIKE]],
  ['loss suddenly jumps to 8 then back to 0.4', [SPIKE]],
  ['random spikes in the validation loss', [SPIKE, NOISYVAL]],
  ['the loss is still decreasing at epoch 100 should i continue', [STILL, T('epochs')]],
  ['not converged yet?', [STILL]],
  ['loss keeps going down slowly, when i should stop', [STILL, T('early_stopping'), T('epochs')]],
  ['loss not decreasing', [PLATEAU, UNDER, LR]],
  ['loss doesnt change after few epoch', [PLATEAU]],
  ['the loss stagnate at 0.3', [PLATEAU]],
  ['loss stays same value for 50 epoch', [PLATEAU]],
  ['val loss stuck and not decreasing anymore while train loss still decreasing', [PLATEAU, OVER, HIVAR]],
  ['my loss wont go below 0.25', [PLATEAU]],
  ['val loss lower then training loss is it overfitting??', [VALBELOW]],
  ['validation loss less than training loss keras dropout', [VALBELOW]],
  ['val accuray is higher than train accuray', [VALBELOW]],
  ['my val acc is 100% at every epoch', [LEAK]],
  ['test accuracy 99.9% it is too good', [LEAK]],
  ['validation is almost perfect from first epoch, leakage?', [LEAK]],
  ['loss stuck 0.6931 and acc 0.5000 binary', [CHANCE]],
  ['loss always 2.3026 cifar10', [CHANCE]],
  ['4.605 loss 100 classes not moving', [CHANCE]],
  ['model is guessing, 33% accuracy on 3 classes', [CHANCE]],
  ['always predict same class', [CHANCE]],
  ['accuracy 0.5 and doesnt move', [CHANCE]],
  ['val accuracy going up and down a lot between epochs', [NOISYVAL]],
  ['validation loss much more noisy then train', [NOISYVAL]],
  ['val curve very spiky but train curve smooth', [NOISYVAL, SPIKE]],
  ['there is no val loss in my output', [NOVAL]],
  ['i didnt use validation data is that bad', [NOVAL]],
  ['my log contains two different trainings', [RUNS]],
  ['i ran the fit twice and pasted the log', [RUNS]],
  ['my training finish at epoch 40 but i set 200', [STOPPED, T('early_stopping')]],
  ['how to see learning curve of my keras model', [T('reading_curves')]],
  ['how to plot accuracy and loss', [T('reading_curves')]],
  ['val loss go up and val acc also go up??', [T('overconfidence')]],
  ['accuracy is zero but the loss decreases', [T('accuracy_zero')]],
  ['accuracy 0 in regression lstm', [T('accuracy_zero')]],
  ['lstm units 50 or 100', [T('units')]],
  ['stacked lstm how', [T('layers')]],
  ['adam vs rmsprop', [T('optimizer')]],
  ['learning rate too high or too low how to know', [LR]],
  ['what lr', [LR]],
  ['lr decay keras', [T('lr_schedule')]],
  ['batch size effect on training', [T('batch_size')]],
  ['how many epochs is enough', [T('epochs')]],
  ['early stopping patience value', [T('early_stopping')]],
  ['dropout rate for lstm', [T('dropout')]],
  ['l1 or l2 regularizer keras', [T('regularization')]],
  ['gradients exploding what to do', [T('gradient_clipping')]],
  ['do i need to scale target variable too', [T('scaling')]],
  ['k fold cross validation lstm keras', [T('kfold')]],
  ['combine several lstm models', [T('ensemble')]],
  ['hyperparameter tuning for lstm', [T('hyperopt'), T('arch_search')]],
  ['keras tuner number of layers', [T('arch_search'), T('hyperopt')]],
  ['same code different result every run', [T('multi_run')]],
  ['lstm temperature prediction example', [T('case_study')]],
  ['how long should the input sequence be', [T('sequence_length')]],
  ['TypeError: __init__() got an unexpected keyword argument lr', [T('lr_kwarg')]],
  ['save best model keras', [T('checkpoint')]],
];

/**
 * A third pass, written after the fixes for the first two (so not a measure: the first two passes
 * had been looked at by then), to probe phrasings neither covered: chart colours, Hugging Face
 * eval_loss, all caps, emojis, irrelevant hyperparameters in the question, "is it normal that".
 */
export const FRESH_SET_3: Phrasing[] = [
  ['the orange line (val) goes up after epoch 10 while the blue one goes down', [OVER]],
  ['HF trainer: eval_loss increasing, training loss decreasing, is this overfitting', [OVER]],
  ['VAL LOSS INCREASING WHY', [OVER]],
  ['val loss went from 0.35 at epoch 8 to 0.61 at epoch 40 😭', [OVER]],
  ['is it normal that validation loss rise when training loss fall', [OVER]],
  ['why val loss more big than train loss', [HIVAR, OVER]],
  ['train rmse 0.02 but test rmse 0.4', [HIVAR, OVER]],
  ['there is a big distance between the two curves', [HIVAR, OVER]],
  ['training loss is much smaller than validation loss, is my model overfit or what', [HIVAR, OVER]],
  ['the model is bad on both training and validation', [UNDER]],
  ['mae high on train and on test both', [UNDER]],
  ['my model is not able to learn the training data at all', [UNDER]],
  ['loss is not decrease', [PLATEAU, UNDER]],
  ['loss is hovering around 0.3 for 40 epochs', [PLATEAU]],
  ['after epoch 5 nothing improve anymore', [PLATEAU]],
  ['eval loss stopped improving', [PLATEAU, OVER, T('early_stopping')]],
  ['loss curve looks like a sawtooth', [UNSTABLE, SPIKE]],
  ['my loss curve is very wiggly and doesnt go down batch size 8', [UNSTABLE, T('batch_size'), LR]],
  ['training loss unstable lr 0.01 adam', [UNSTABLE, LR]],
  ['loss going crazy', [UNSTABLE, DIVERGE]],
  ['loss: 0.4521 - val_loss: 0.4610 at the end, both decreased nicely', [GOOD]],
  ['train and validation loss converge to the same value', [GOOD]],
  ['looks fine?? train 0.31 val 0.33', [GOOD]],
  ['only 1 epoch trained, what can you say', [NA]],
  ['loss becomes NaN after I added a new feature', [NAN]],
  ['getting nan values in loss with mixed precision', [NAN]],
  ['Loss: inf', [NAN]],
  ['loss went to infinity', [NAN, DIVERGE]],
  ['training loss goes to 3e8', [DIVERGE, NAN]],
  ['loss is getting higher each epoch with sgd', [DIVERGE, LR]],
  ['my loss increases exponentially', [DIVERGE, NAN]],
  ['the loss shoots up at epoch 30 and then goes back down', [SPIKE]],
  ['weird peaks in my training loss every few epochs', [SPIKE]],
  ['loss still decreasing when training stopped at epoch 50', [STILL]],
  ['can the loss go lower if I train more', [STILL, T('epochs')]],
  ['validation loss under training loss all the time', [VALBELOW]],
  ['how can val loss be smaller than loss', [VALBELOW]],
  ['eval accuracy > train accuracy', [VALBELOW]],
  ['val accuracy is 1.0000 and val loss is 0.0001', [LEAK]],
  ['100% accuracy on validation is that leakage', [LEAK]],
  ['accuracy stuck at 0.25 with 4 classes', [CHANCE]],
  ['binary classifier accuracy 0.5 loss 0.693 nothing changes', [CHANCE]],
  ['my model always outputs 0', [CHANCE]],
  ['val loss bouncing around while train loss smooth', [NOISYVAL]],
  ['validation metrics very noisy epoch to epoch', [NOISYVAL]],
  ['history only has loss and accuracy, where is val_loss', [NOVAL]],
  ['i did not pass validation_data to fit', [NOVAL]],
  ['the log has the same epochs twice', [RUNS]],
  ['training ended at epoch 17 out of 100', [STOPPED, T('early_stopping')]],
  ['keras stopped before 100 epochs without error', [STOPPED, T('early_stopping')]],
  ['how to interpret loss curves', [T('reading_curves')]],
  ['plot model history keras', [T('reading_curves')]],
  ['val_loss and val_accuracy rising at the same time', [T('overconfidence')]],
  ['accuracy 0.0 for regression model loss decreasing fine', [T('accuracy_zero')]],
  ['is 256 units too many for small dataset', [T('units')]],
  ['2 or 3 lstm layers?', [T('layers')]],
  ['sgd with momentum or adam for lstm', [T('optimizer')]],
  ['best learning rate for lstm', [LR]],
  ['lr warmup and cosine annealing', [T('lr_schedule')]],
  ['batch 16 vs 128', [T('batch_size')]],
  ['when should i stop training how many epochs', [T('epochs'), T('early_stopping')]],
  ['EarlyStopping monitor val_loss patience 10 ok?', [T('early_stopping')]],
  ['recurrent_dropout makes training very slow on gpu', [T('dropout')]],
  ['l2 0.01 too strong?', [T('regularization')]],
  ['clip gradients in keras optimizer', [T('gradient_clipping')]],
  ['MinMaxScaler on the whole dataset before split ok?', [T('scaling'), LEAK]],
  ['timeseriessplit with lstm', [T('kfold')]],
  ['ensemble averaging lstm', [T('ensemble')]],
  ['hyperopt fmin example lstm', [T('hyperopt')]],
  ['search over number of lstm layers and units', [T('arch_search'), T('hyperopt')]],
  ['run 5 times with different seeds and average', [T('multi_run'), T('ensemble')]],
  ['predict tomorrow temperature with lstm', [T('case_study')]],
  ['n_steps 10 or 50', [T('sequence_length')]],
  ['keras 3 Adam lr argument not working', [T('lr_kwarg')]],
  ['ModelCheckpoint monitor val_loss', [T('checkpoint')]],
];

/**
 * A fourth probe pass, written after the third was fixed: pasted log lines and code, numbers with
 * no metric named, ln(2) spelt out, two topics in one question, rambling context.
 */
export const FRESH_SET_4: Phrasing[] = [
  ['Epoch 5/50 - loss: nan - val_loss: nan', [NAN]],
  ['Epoch 12/100 loss: 0.6931 - accuracy: 0.5000 - val_loss: 0.6931 - val_accuracy: 0.5000', [CHANCE]],
  ['stuck at 50% no matter what i do', [CHANCE]],
  ['loss = ln(2) the whole time', [CHANCE]],
  ['loss 0.6931471 forever', [CHANCE]],
  ['my cnn+lstm gives 0.1 accuracy on 10 classes', [CHANCE]],
  ['model.fit(x, y, epochs=100) but no val curve in the plot', [NOVAL]],
  ['history.history keys only loss', [NOVAL]],
  ['model.fit(validation_split=0.2) val_loss goes up from epoch 3', [OVER]],
  ['so i have been training this thing for 3 days on my laptop (no gpu lol) and the validation loss is now going up while the train loss is still going down, my boss wants results by friday', [OVER]],
  ['i tried dropout 0.5 and l2 but validation loss still increase after few epoch', [OVER, T('dropout'), T('regularization')]],
  ['val loss increases but val accuracy also increases, which one to trust', [T('overconfidence')]],
  ['overfitting or underfitting? train loss 0.9 val loss 0.95 both flat', [UNDER, PLATEAU]],
  ['is my model underfitting or is the lr too low, loss decreases very slowly', [UNDER, LR, STILL]],
  ['train loss drops fast but val loss stays flat from the start', [HIVAR, OVER, PLATEAU]],
  ['validation loss constant while train loss goes down', [HIVAR, OVER, PLATEAU]],
  ['training accuracy goes up to 95 but validation stays at 60', [HIVAR, OVER]],
  ['my validation accuracy is way worse than training', [HIVAR, OVER]],
  ['train/val loss curves diverge from each other after epoch 20', [OVER, HIVAR]],
  ['val loss and train loss separating more and more', [OVER, HIVAR]],
  ['loss is decreasing but very noisy, is it fine', [UNSTABLE, NOISYVAL, GOOD]],
  ['losses oscillating wildly between 0.2 and 2', [UNSTABLE]],
  ['the training is unstable, sometimes loss goes to 5 sometimes 0.1', [UNSTABLE, SPIKE]],
  ['everything looks ok, loss and val_loss go down and stay close', [GOOD]],
  ['can i trust this model? val loss close to train loss at the end', [GOOD]],
  ['loss and val loss 0.05 and 0.06 after 30 epochs', [GOOD]],
  ['log has only two epochs, diagnose?', [NA]],
  ['my loss returns nan when lr is 0.1', [NAN, LR]],
  ['NaN loss with relu lstm', [NAN]],
  ['loss increasing from the very first epoch', [DIVERGE, LR]],
  ['loss goes up and up and up', [DIVERGE]],
  ['training loss diverges to 1e20', [DIVERGE, NAN]],
  ['one epoch has huge loss 50 then normal 0.3', [SPIKE]],
  ['loss spike every time the lr scheduler restarts', [SPIKE, T('lr_schedule')]],
  ['loss is still going down at epoch 200 is that normal', [STILL, T('epochs')]],
  ['should i increase epochs since loss keeps decreasing', [STILL, T('epochs')]],
  ['the loss has flattened out at 0.12', [PLATEAU]],
  ['no improvement in loss for 30 epochs', [PLATEAU]],
  ['val loss is lower than training loss because of dropout?', [VALBELOW]],
  ['validation accuracy higher then training accuracy lstm', [VALBELOW]],
  ['test accuracy better than train accuracy how', [VALBELOW]],
  ['val_accuracy: 1.0000 on epoch 2 already', [LEAK]],
  ['validation loss is 0.0 exactly', [LEAK]],
  ['my val set probably has the same samples as train', [LEAK]],
  ['model outputs the same value for every input', [CHANCE]],
  ['predicts class 0 for everything', [CHANCE]],
  ['val loss jumps up and down but train loss decreases smoothly', [NOISYVAL]],
  ['validation curve is noisy because val set is small?', [NOISYVAL]],
  ['2 runs in one log file how to split', [RUNS]],
  ['epoch numbers start from 1 again halfway', [RUNS]],
  ['fit stopped at epoch 31 because of callback', [STOPPED, T('early_stopping')]],
  ['what does the learning curve tell me', [T('reading_curves')]],
  ['accuracy metric 0 for my price prediction', [T('accuracy_zero')]],
  ['too many units overfitting?', [T('units'), OVER]],
  ['lstm(return_sequences=True) then another lstm', [T('layers')]],
  ['is adamw better than adam', [T('optimizer')]],
  ['learning rate finder keras', [LR]],
  ['exponential decay lr keras', [T('lr_schedule')]],
  ['batch size 1 very slow', [T('batch_size')]],
  ['50 epochs enough?', [T('epochs')]],
  ['restore_best_weights true or false', [T('early_stopping'), T('checkpoint')]],
  ['dropout between lstm layers', [T('dropout')]],
  ['how strong l2 penalty', [T('regularization')]],
  ['clipnorm=1.0 helps?', [T('gradient_clipping')]],
  ['should the scaler be fit on training data only', [T('scaling'), LEAK]],
  ['k-fold for time series is it valid', [T('kfold')]],
  ['average 3 lstm models predictions', [T('ensemble')]],
  ['use hyperopt to tune lstm units and dropout', [T('hyperopt')]],
  ['loop over architectures with different number of layers', [T('arch_search')]],
  ['results not reproducible between runs keras', [T('multi_run')]],
  ['jena climate lstm example', [T('case_study')]],
  ['sequence length 100 too long for lstm?', [T('sequence_length')]],
  ['optimizer Adam got unexpected argument lr', [T('lr_kwarg')]],
  ['save model only when val_loss improves', [T('checkpoint')]],
];

