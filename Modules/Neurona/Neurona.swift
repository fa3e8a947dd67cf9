// The umbrella module: `import Neurona` brings in every core module at once, as
// `import torch` or `import keras` would. Depend on the individual modules instead to keep a
// build small (NeuronaCore alone for NumPy-like work; NeuronaLayers without NeuronaTraining for
// an own training loop). Plugins are separate products: import them by name.

@_exported import NeuronaAutograd
@_exported import NeuronaCore
@_exported import NeuronaData
@_exported import NeuronaLayers
@_exported import NeuronaLosses
@_exported import NeuronaMetrics
@_exported import NeuronaOptimizers
@_exported import NeuronaRegistry
@_exported import NeuronaTraining
