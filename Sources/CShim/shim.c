/* see include/cshim.h */
