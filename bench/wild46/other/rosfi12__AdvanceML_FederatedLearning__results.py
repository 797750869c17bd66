Starting centralized training...
Epoch 1/10: 100%|██████████| 5255/5255 [00:59<00:00, 87.81it/s, loss=0.0294]
Epoch 1, Loss: 0.1108, Accuracy: 0.9633
Epoch 2/10: 100%|██████████| 5255/5255 [00:58<00:00, 89.38it/s, loss=0.0299]
Epoch 2, Loss: 0.0284, Accuracy: 0.9872
Epoch 3/10: 100%|██████████| 5255/5255 [00:59<00:00, 88.58it/s, loss=0.026]
Epoch 3, Loss: 0.0279, Accuracy: 0.9872
Epoch 4/10: 100%|██████████| 5255/5255 [00:59<00:00, 88.62it/s, loss=0.0247]
Epoch 4, Loss: 0.0277, Accuracy: 0.9872
Epoch 5/10: 100%|██████████| 5255/5255 [00:58<00:00, 89.80it/s, loss=0.0256]
Epoch 5, Loss: 0.0276, Accuracy: 0.9872
Epoch 6/10: 100%|██████████| 5255/5255 [00:59<00:00, 88.46it/s, loss=0.0246]
Epoch 6, Loss: 0.0276, Accuracy: 0.9872
Epoch 7/10: 100%|██████████| 5255/5255 [00:59<00:00, 88.71it/s, loss=0.0298]
Epoch 7, Loss: 0.0275, Accuracy: 0.9872
Epoch 8/10: 100%|██████████| 5255/5255 [00:59<00:00, 87.70it/s, loss=0.0247]
Epoch 8, Loss: 0.0275, Accuracy: 0.9872
Epoch 9/10: 100%|██████████| 5255/5255 [01:00<00:00, 87.32it/s, loss=0.0229]
Epoch 9, Loss: 0.0275, Accuracy: 0.9872
Epoch 10/10: 100%|██████████| 5255/5255 [00:59<00:00, 88.05it/s, loss=0.0264]
Epoch 10, Loss: 0.0275, Accuracy: 0.9872
Test Loss: 0.0274, Test Accuracy: 0.9872

Starting federated training (Uniform Participation)...
Round 1/50
Round 1: 100%|██████████| 1/1 [00:21<00:00, 21.53s/it]
Round 1, Global Loss: 0.0333
Round 2/50
Round 2: 100%|██████████| 1/1 [00:22<00:00, 22.45s/it]
Round 2, Global Loss: 0.0293
Round 3/50
Round 3: 100%|██████████| 1/1 [00:22<00:00, 22.38s/it]
Round 3, Global Loss: 0.0281
Round 4/50
Round 4: 100%|██████████| 1/1 [00:22<00:00, 22.39s/it]
Round 4, Global Loss: 0.0277
Round 5/50
Round 5: 100%|██████████| 1/1 [00:22<00:00, 22.65s/it]
Round 5, Global Loss: 0.0276
Round 6/50
Round 6: 100%|██████████| 1/1 [00:22<00:00, 22.13s/it]
Round 6, Global Loss: 0.0276
Round 7/50
Round 7: 100%|██████████| 1/1 [00:21<00:00, 21.81s/it]
Round 7, Global Loss: 0.0275
Round 8/50
Round 8: 100%|██████████| 1/1 [00:23<00:00, 23.21s/it]
Round 8, Global Loss: 0.0280
Round 9/50
Round 9: 100%|██████████| 1/1 [00:22<00:00, 22.21s/it]
Round 9, Global Loss: 0.0274
Round 10/50
Round 10: 100%|██████████| 1/1 [00:23<00:00, 23.60s/it]
Round 10, Global Loss: 0.0274
Round 11/50
Round 11: 100%|██████████| 1/1 [00:23<00:00, 23.12s/it]
Round 11, Global Loss: 0.0276
Round 12/50
Round 12: 100%|██████████| 1/1 [00:22<00:00, 22.68s/it]
Round 12, Global Loss: 0.0275
Round 13/50
Round 13: 100%|██████████| 1/1 [00:22<00:00, 22.97s/it]
Round 13, Global Loss: 0.0274
Round 14/50
Round 14: 100%|██████████| 1/1 [00:22<00:00, 22.12s/it]
Round 14, Global Loss: 0.0274
Round 15/50
Round 15: 100%|██████████| 1/1 [00:23<00:00, 23.14s/it]
Round 15, Global Loss: 0.0276
Round 16/50
Round 16: 100%|██████████| 1/1 [00:21<00:00, 21.82s/it]
Round 16, Global Loss: 0.0274
Round 17/50
Round 17: 100%|██████████| 1/1 [00:22<00:00, 22.45s/it]
Round 17, Global Loss: 0.0278
Round 18/50
Round 18: 100%|██████████| 1/1 [00:23<00:00, 23.06s/it]
Round 18, Global Loss: 0.0274
Round 19/50
Round 19: 100%|██████████| 1/1 [00:22<00:00, 22.31s/it]
Round 19, Global Loss: 0.0274
Round 20/50
Round 20: 100%|██████████| 1/1 [00:23<00:00, 23.66s/it]
Round 20, Global Loss: 0.0273
Round 21/50
Round 21: 100%|██████████| 1/1 [00:22<00:00, 22.52s/it]
Round 21, Global Loss: 0.0276
Round 22/50
Round 22: 100%|██████████| 1/1 [00:22<00:00, 22.29s/it]
Round 22, Global Loss: 0.0274
Round 23/50
Round 23: 100%|██████████| 1/1 [00:23<00:00, 23.22s/it]
Round 23, Global Loss: 0.0273
Round 24/50
Round 24: 100%|██████████| 1/1 [00:22<00:00, 22.39s/it]
Round 24, Global Loss: 0.0276
Round 25/50
Round 25: 100%|██████████| 1/1 [00:23<00:00, 23.18s/it]
Round 25, Global Loss: 0.0273
Round 26/50
Round 26: 100%|██████████| 1/1 [00:22<00:00, 22.36s/it]
Round 26, Global Loss: 0.0273
Round 27/50
Round 27: 100%|██████████| 1/1 [00:23<00:00, 23.73s/it]
Round 27, Global Loss: 0.0276
Round 28/50
Round 28: 100%|██████████| 1/1 [00:22<00:00, 22.44s/it]
Round 28, Global Loss: 0.0273
Round 29/50
Round 29: 100%|██████████| 1/1 [00:22<00:00, 22.31s/it]
Round 29, Global Loss: 0.0273
Round 30/50
Round 30: 100%|██████████| 1/1 [00:23<00:00, 23.13s/it]
Round 30, Global Loss: 0.0273
Round 31/50
Round 31: 100%|██████████| 1/1 [00:22<00:00, 22.30s/it]
Round 31, Global Loss: 0.0274
Round 32/50
Round 32: 100%|██████████| 1/1 [00:23<00:00, 23.16s/it]
Round 32, Global Loss: 0.0273
Round 33/50
Round 33: 100%|██████████| 1/1 [00:22<00:00, 22.35s/it]
Round 33, Global Loss: 0.0274
Round 34/50
Round 34: 100%|██████████| 1/1 [00:23<00:00, 23.39s/it]
Round 34, Global Loss: 0.0273
Round 35/50
Round 35: 100%|██████████| 1/1 [00:23<00:00, 23.22s/it]
Round 35, Global Loss: 0.0277
Round 36/50
Round 36: 100%|██████████| 1/1 [00:22<00:00, 22.98s/it]
Round 36, Global Loss: 0.0273
Round 37/50
Round 37: 100%|██████████| 1/1 [00:22<00:00, 22.79s/it]
Round 37, Global Loss: 0.0273
Round 38/50
Round 38: 100%|██████████| 1/1 [00:22<00:00, 22.43s/it]
Round 38, Global Loss: 0.0274
Round 39/50
Round 39: 100%|██████████| 1/1 [00:23<00:00, 23.16s/it]
Round 39, Global Loss: 0.0273
Round 40/50
Round 40: 100%|██████████| 1/1 [00:22<00:00, 22.61s/it]
Round 40, Global Loss: 0.0275
Round 41/50
Round 41: 100%|██████████| 1/1 [00:22<00:00, 22.26s/it]
Round 41, Global Loss: 0.0273
Round 42/50
Round 42: 100%|██████████| 1/1 [00:23<00:00, 23.10s/it]
Round 42, Global Loss: 0.0273
Round 43/50
Round 43: 100%|██████████| 1/1 [00:22<00:00, 22.21s/it]
Round 43, Global Loss: 0.0273
Round 44/50
Round 44: 100%|██████████| 1/1 [00:23<00:00, 23.04s/it]
Round 44, Global Loss: 0.0273
Round 45/50
Round 45: 100%|██████████| 1/1 [00:22<00:00, 22.74s/it]
Round 45, Global Loss: 0.0273
Round 46/50
Round 46: 100%|██████████| 1/1 [00:23<00:00, 23.27s/it]
Round 46, Global Loss: 0.0273
Round 47/50
Round 47: 100%|██████████| 1/1 [00:23<00:00, 23.74s/it]
Round 47, Global Loss: 0.0274
Round 48/50
Round 48: 100%|██████████| 1/1 [00:22<00:00, 22.53s/it]
Round 48, Global Loss: 0.0273
Round 49/50
Round 49: 100%|██████████| 1/1 [00:23<00:00, 23.48s/it]
Round 49, Global Loss: 0.0275
Round 50/50
Round 50: 100%|██████████| 1/1 [00:22<00:00, 22.41s/it]
Round 50, Global Loss: 0.0273
Starting federated training (Skewed Participation)...
Round 1/50
Round 1: 100%|██████████| 1/1 [00:22<00:00, 22.63s/it]
Round 1, Global Loss: 0.0326
Round 2/50
Round 2: 100%|██████████| 1/1 [00:22<00:00, 22.18s/it]
Round 2, Global Loss: 0.0287
Round 3/50
Round 3: 100%|██████████| 1/1 [00:22<00:00, 22.25s/it]
Round 3, Global Loss: 0.0280
Round 4/50
Round 4: 100%|██████████| 1/1 [00:22<00:00, 22.31s/it]
Round 4, Global Loss: 0.0277
Round 5/50
Round 5: 100%|██████████| 1/1 [00:22<00:00, 22.05s/it]
Round 5, Global Loss: 0.0276
Round 6/50
Round 6: 100%|██████████| 1/1 [00:22<00:00, 22.12s/it]
Round 6, Global Loss: 0.0276
Round 7/50
Round 7: 100%|██████████| 1/1 [00:21<00:00, 21.91s/it]
Round 7, Global Loss: 0.0275
Round 8/50
Round 8: 100%|██████████| 1/1 [00:23<00:00, 23.05s/it]
Round 8, Global Loss: 0.0275
Round 9/50
Round 9: 100%|██████████| 1/1 [00:22<00:00, 22.03s/it]
Round 9, Global Loss: 0.0275
Round 10/50
Round 10: 100%|██████████| 1/1 [00:23<00:00, 23.62s/it]
Round 10, Global Loss: 0.0275
Round 11/50
Round 11: 100%|██████████| 1/1 [00:22<00:00, 22.33s/it]
Round 11, Global Loss: 0.0274
Round 12/50
Round 12: 100%|██████████| 1/1 [00:22<00:00, 22.94s/it]
Round 12, Global Loss: 0.0274
Round 13/50
Round 13: 100%|██████████| 1/1 [00:23<00:00, 23.03s/it]
Round 13, Global Loss: 0.0275
Round 14/50
Round 14: 100%|██████████| 1/1 [00:21<00:00, 21.98s/it]
Round 14, Global Loss: 0.0274
Round 15/50
Round 15: 100%|██████████| 1/1 [00:23<00:00, 23.13s/it]
Round 15, Global Loss: 0.0275
Round 16/50
Round 16: 100%|██████████| 1/1 [00:22<00:00, 22.14s/it]
Round 16, Global Loss: 0.0273
Round 17/50
Round 17: 100%|██████████| 1/1 [00:23<00:00, 23.28s/it]
Round 17, Global Loss: 0.0275
Round 18/50
Round 18: 100%|██████████| 1/1 [00:22<00:00, 22.32s/it]
Round 18, Global Loss: 0.0274
Round 19/50
Round 19: 100%|██████████| 1/1 [00:22<00:00, 22.34s/it]
Round 19, Global Loss: 0.0273
Round 20/50
Round 20: 100%|██████████| 1/1 [00:23<00:00, 23.32s/it]
Round 20, Global Loss: 0.0273
Round 21/50
Round 21: 100%|██████████| 1/1 [00:22<00:00, 22.67s/it]
Round 21, Global Loss: 0.0273
Round 22/50
Round 22: 100%|██████████| 1/1 [00:23<00:00, 23.34s/it]
Round 22, Global Loss: 0.0275
Round 23/50
Round 23: 100%|██████████| 1/1 [00:22<00:00, 22.75s/it]
Round 23, Global Loss: 0.0273
Round 24/50
Round 24: 100%|██████████| 1/1 [00:22<00:00, 22.45s/it]
Round 24, Global Loss: 0.0273
Round 25/50
Round 25: 100%|██████████| 1/1 [00:23<00:00, 23.84s/it]
Round 25, Global Loss: 0.0273
Round 26/50
Round 26: 100%|██████████| 1/1 [00:22<00:00, 22.45s/it]
Round 26, Global Loss: 0.0273
Round 27/50
Round 27: 100%|██████████| 1/1 [00:22<00:00, 22.92s/it]
Round 27, Global Loss: 0.0274
Round 28/50
Round 28: 100%|██████████| 1/1 [00:22<00:00, 22.58s/it]
Round 28, Global Loss: 0.0273
Round 29/50
Round 29: 100%|██████████| 1/1 [00:22<00:00, 22.98s/it]
Round 29, Global Loss: 0.0273
Round 30/50
Round 30: 100%|██████████| 1/1 [00:22<00:00, 22.38s/it]
Round 30, Global Loss: 0.0275
Round 31/50
Round 31: 100%|██████████| 1/1 [00:21<00:00, 21.94s/it]
Round 31, Global Loss: 0.0274
Round 32/50
Round 32: 100%|██████████| 1/1 [00:23<00:00, 23.62s/it]
Round 32, Global Loss: 0.0273
Round 33/50
Round 33: 100%|██████████| 1/1 [00:21<00:00, 21.93s/it]
Round 33, Global Loss: 0.0273
Round 34/50
Round 34: 100%|██████████| 1/1 [00:22<00:00, 22.46s/it]
Round 34, Global Loss: 0.0273
Round 35/50
Round 35: 100%|██████████| 1/1 [00:22<00:00, 22.87s/it]
Round 35, Global Loss: 0.0273
Round 36/50
Round 36: 100%|██████████| 1/1 [00:22<00:00, 22.19s/it]
Round 36, Global Loss: 0.0273
Round 37/50
Round 37: 100%|██████████| 1/1 [00:22<00:00, 22.98s/it]
Round 37, Global Loss: 0.0273
Round 38/50
Round 38: 100%|██████████| 1/1 [00:22<00:00, 22.07s/it]
Round 38, Global Loss: 0.0273
Round 39/50
Round 39: 100%|██████████| 1/1 [00:23<00:00, 23.14s/it]
Round 39, Global Loss: 0.0274
Round 40/50
Round 40: 100%|██████████| 1/1 [00:22<00:00, 22.20s/it]
Round 40, Global Loss: 0.0274
Round 41/50
Round 41: 100%|██████████| 1/1 [00:22<00:00, 22.50s/it]
Round 41, Global Loss: 0.0273
Round 42/50
Round 42: 100%|██████████| 1/1 [00:22<00:00, 22.86s/it]
Round 42, Global Loss: 0.0273
Round 43/50
Round 43: 100%|██████████| 1/1 [00:22<00:00, 22.39s/it]
Round 43, Global Loss: 0.0273
Round 44/50
Round 44: 100%|██████████| 1/1 [00:22<00:00, 22.67s/it]
Round 44, Global Loss: 0.0274
Round 45/50
Round 45: 100%|██████████| 1/1 [00:22<00:00, 22.10s/it]
Round 45, Global Loss: 0.0274
Round 46/50
Round 46: 100%|██████████| 1/1 [00:22<00:00, 22.27s/it]
Round 46, Global Loss: 0.0273
Round 47/50
Round 47: 100%|██████████| 1/1 [00:22<00:00, 22.89s/it]
Round 47, Global Loss: 0.0273
Round 48/50
Round 48: 100%|██████████| 1/1 [00:23<00:00, 23.12s/it]
Round 48, Global Loss: 0.0273
Round 49/50
Round 49: 100%|██████████| 1/1 [00:22<00:00, 22.76s/it]
Round 49, Global Loss: 0.0273
Round 50/50
Round 50: 100%|██████████| 1/1 [00:22<00:00, 22.51s/it]
Round 50, Global Loss: 0.0275

