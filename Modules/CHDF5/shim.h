// CHDF5: the HDF5 C library (Debian's libhdf5-dev, serial build), for Keras's model.weights.h5.
// HDF5's type and property-list ids (H5T_NATIVE_FLOAT, H5P_FILE_ACCESS...) and its file-access
// flags are macros that read global ids after H5open(); Swift imports none of them, so each one
// NeuronaKeras uses is a static inline function here.
#include <hdf5.h>

static inline hid_t neurona_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t neurona_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t neurona_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline unsigned neurona_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned neurona_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t neurona_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t neurona_h5s_all(void) { return H5S_ALL; }

/// Turns off HDF5's printing of its error stack to stderr (failures become Swift errors).
static inline void neurona_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/// The kind of the object at `name` under `loc`: 1 a group, 2 a dataset, 0 anything else (a named
/// type), -1 nothing readable. (H5Oopen and H5Iget_type are the same in HDF5 1.10, 1.12 and 1.14,
/// unlike H5Oget_info_by_name.)
static inline int neurona_h5_object_kind(hid_t loc, const char *name) {
    hid_t object = H5Oopen(loc, name, H5P_DEFAULT);
    if (object < 0) return -1;
    H5I_type_t type = H5Iget_type(object);
    H5Oclose(object);
    return type == H5I_GROUP ? 1 : type == H5I_DATASET ? 2 : 0;
}
