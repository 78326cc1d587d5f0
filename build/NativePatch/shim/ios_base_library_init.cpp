// Compatibility shim for TorchSharp's libLibTorchSharp.so on systems whose libstdc++ predates GCC 13.
//
// GCC 13's <iostream> makes every object that includes it reference std::ios_base_library_init()
// (libstdc++ version GLIBCXX_3.4.32), so that linking pulls in libstdc++'s stream initialisation.
// Older libstdc++ initialises the standard streams from its own static constructor and has no such
// function. The reference is never called through (the library has no relocation for it), so an empty
// definition is all the dynamic linker needs to find.
extern "C" void learnlm_ios_base_library_init() __asm__("_ZSt21ios_base_library_initv");
extern "C" void learnlm_ios_base_library_init() {}
