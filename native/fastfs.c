/*
 * gatewatch's native file-system helpers: a directory walk, a file reader and a stat of many paths, on several threads.
 *
 * Why: on the machines gatewatch is measured on, a kernel tree's 5,760 directories cost ~120 ms of system calls
 * when read one after another, and Node offers no way to spread synchronous file-system work over threads
 * (its thread pool is reached only through callbacks, whose cost per call is larger than the calls themselves).
 * ripgrep, the reference, walks with one thread per core. This module does the same, and nothing more: it
 * decides nothing about what a file means. src/scan/native.ts loads it when it was built; without it the scan
 * uses the JavaScript walker and reader (src/scan/walk.ts, src/scan/tree.ts), which give the same result.
 *
 * Node-API (https://nodejs.org/api/n-api.html), C11 and POSIX threads. Directory entries come from getdents64 on
 * Linux (no stat per entry: the type is in the entry) and from readdir elsewhere.
 */
#define _GNU_SOURCE
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/syscall.h>
#endif

#define MAX_THREADS 8

/* ---------- small helpers ---------- */

/** A growable byte buffer; `failed` is set once an allocation fails (the call then reports an error). */
typedef struct {
  char *data;
  size_t len, cap;
  int failed;
} Bytes;

static int bytes_reserve(Bytes *b, size_t more) {
  if (b->failed) return 0;
  if (b->len + more <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->failed = 1;
    return 0;
  }
  b->data = p;
  b->cap = cap;
  return 1;
}

static void bytes_put(Bytes *b, const char *s, size_t n) {
  if (!bytes_reserve(b, n)) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

/** A name followed by the NUL that separates it from the next. */
static void bytes_put_name(Bytes *b, const char *s, size_t n) {
  bytes_put(b, s, n);
  bytes_put(b, "", 1);
}

/** `root/rel` (or `root` when rel is empty), malloc'd; NULL when out of memory. */
static char *join_path(const char *root, size_t root_len, const char *rel, size_t rel_len) {
  char *p = malloc(root_len + rel_len + 2);
  if (!p) return NULL;
  memcpy(p, root, root_len);
  if (rel_len == 0) {
    p[root_len] = 0;
  } else {
    p[root_len] = '/';
    memcpy(p + root_len + 1, rel, rel_len);
    p[root_len + 1 + rel_len] = 0;
  }
  return p;
}

/** The times as Node computes them (lib/internal/fs/utils.js: sec * 1e3 + nsec / 1e6, in doubles). */
static double ms_of(int64_t sec, int64_t nsec) { return (double)sec * 1e3 + (double)nsec / 1e6; }

/** size, mtimeMs, ctimeMs, ino of a stat, as the doubles Node's Stats would hold. */
static void stat_fields(const struct stat *st, double out[4]) {
  out[0] = (double)st->st_size;
#ifdef __APPLE__
  out[1] = ms_of(st->st_mtimespec.tv_sec, st->st_mtimespec.tv_nsec);
  out[2] = ms_of(st->st_ctimespec.tv_sec, st->st_ctimespec.tv_nsec);
#else
  out[1] = ms_of(st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
  out[2] = ms_of(st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
#endif
  out[3] = (double)st->st_ino;
}

static int thread_count(int32_t asked) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int n = asked > 0 ? asked : (int)(cores > 0 ? cores : 1);
  return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

/** A JS string argument as a malloc'd UTF-8 string (with its length); NULL when it is not a string. */
static char *string_arg(napi_env env, napi_value v, size_t *len_out) {
  size_t len;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) return NULL;
  char *s = malloc(len + 1);
  if (!s) return NULL;
  napi_get_value_string_utf8(env, v, s, len + 1, &len);
  if (len_out) *len_out = len;
  return s;
}

/** Split a NUL-separated list (the JS side joins names with '\0') into `count` pointers into `s`. */
static const char **split_list(char *s, size_t len, size_t *count) {
  size_t n = len == 0 ? 0 : 1;
  for (size_t i = 0; i < len; i++) if (s[i] == 0) n++;
  const char **out = malloc((n ? n : 1) * sizeof *out);
  if (!out) return NULL;
  size_t k = 0;
  if (len > 0) {
    out[k++] = s;
    for (size_t i = 0; i < len; i++) if (s[i] == 0) out[k++] = s + i + 1;
  }
  *count = n;
  return out;
}

/* ---------- the walk ---------- */

/** Which names the walk keeps: the file selector's rules (src/scan/select.ts), in plain terms. */
typedef struct {
  int keep_all; /* no selector: every file */
  const char **names, **prefixes, **extensions, **dir_names, **dir_paths, **skip_dirs;
  size_t n_names, n_prefixes, n_extensions, n_dir_names, n_dir_paths, n_skip_dirs;
} Rules;

static int in_list(const char **list, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++) if (strcmp(list[i], s) == 0) return 1;
  return 0;
}

/** The selector's `name`: an exact name, a name prefix, or `.ext` at the end. */
static int wanted_name(const Rules *r, const char *name, size_t len) {
  if (in_list(r->names, r->n_names, name)) return 1;
  for (size_t i = 0; i < r->n_prefixes; i++) if (strncmp(name, r->prefixes[i], strlen(r->prefixes[i])) == 0) return 1;
  for (size_t i = 0; i < r->n_extensions; i++) {
    size_t el = strlen(r->extensions[i]);
    if (len > el && name[len - el - 1] == '.' && memcmp(name + len - el, r->extensions[i], el) == 0) return 1;
  }
  return 0;
}

/** One directory: what it is (id, path, whether every file below is kept) and what reading it found. */
typedef struct Dir {
  uint32_t id;
  char *rel;
  size_t rel_len;
  int all;
  /* Found: */
  int err;          /* errno of open or read; 0 when read */
  double stat[4];   /* NaN when not stat'ed */
  uint32_t n_files, file_count, n_dirs, n_links, first_child;
  Bytes names;      /* kept files, then subdirectories, then links, each NUL-terminated */
} Dir;

typedef struct {
  const char *root;
  size_t root_len;
  const Rules *rules;
  int want_stat;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  Dir **dirs; /* by id */
  size_t n_dirs, cap_dirs;
  Dir **stack; /* to read */
  size_t n_stack, cap_stack;
  int active;
  int failed; /* out of memory somewhere: the whole walk is reported as failed */
} Walk;

/** A new directory with the next id, on the stack to read (caller holds the lock). */
static Dir *walk_add(Walk *w, char *rel, size_t rel_len, int all) {
  if (w->n_dirs == w->cap_dirs) {
    size_t cap = w->cap_dirs ? w->cap_dirs * 2 : 1024;
    Dir **p = realloc(w->dirs, cap * sizeof *p);
    if (!p) return NULL;
    w->dirs = p;
    w->cap_dirs = cap;
  }
  if (w->n_stack == w->cap_stack) {
    size_t cap = w->cap_stack ? w->cap_stack * 2 : 1024;
    Dir **p = realloc(w->stack, cap * sizeof *p);
    if (!p) return NULL;
    w->stack = p;
    w->cap_stack = cap;
  }
  Dir *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->id = (uint32_t)w->n_dirs;
  d->rel = rel;
  d->rel_len = rel_len;
  d->all = all;
  for (int i = 0; i < 4; i++) d->stat[i] = NAN;
  w->dirs[w->n_dirs++] = d;
  w->stack[w->n_stack++] = d;
  return d;
}

/** A subdirectory found while reading a directory, before it gets its id. */
typedef struct {
  char *rel;
  size_t rel_len;
  int all;
} Pending;

/** Entry types, as readdir's d_type gives them (or lstat when the file system does not). */
enum { T_OTHER, T_FILE, T_DIR, T_LINK };

static int entry_type(int dfd, const char *name, unsigned char d_type) {
  switch (d_type) {
    case DT_REG: return T_FILE;
    case DT_DIR: return T_DIR;
    case DT_LNK: return T_LINK;
    case DT_UNKNOWN: {
      /* Node's readdir with file types does an lstat here too (lib/internal/fs/utils.js getDirents). */
      struct stat st;
      if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return T_OTHER;
      return S_ISREG(st.st_mode) ? T_FILE : S_ISDIR(st.st_mode) ? T_DIR : S_ISLNK(st.st_mode) ? T_LINK : T_OTHER;
    }
    default: return T_OTHER;
  }
}

/** One entry of a directory being read: its name in the thread's name pool, and its type. */
typedef struct {
  size_t off;
  int type;
} Entry;

/** What a walk thread reuses from one directory to the next. */
typedef struct {
  Bytes pool;      /* the names of the directory being read, each NUL-terminated */
  Entry *entries;
  size_t n_entries, cap_entries;
  const char **sorted;
  size_t cap_sorted;
  char *dirents; /* getdents64's buffer (Linux) */
} Scratch;

#define DIRENTS_SIZE (64 * 1024)

static int by_name(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/** Every entry of an open directory but `.` and `..`, with its type; 0 or an errno. */
static int list_entries(int fd, Scratch *s) {
  s->pool.len = 0;
  s->n_entries = 0;
#ifdef __linux__
  struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
  };
  if (!s->dirents && !(s->dirents = malloc(DIRENTS_SIZE))) return ENOMEM;
  char *buf = s->dirents;
  for (;;) {
    long got = syscall(SYS_getdents64, fd, buf, DIRENTS_SIZE);
    if (got < 0) return errno;
    if (got == 0) break;
    for (long off = 0; off < got;) {
      struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
      off += e->d_reclen;
      const char *name = e->d_name;
      unsigned char d_type = e->d_type;
#else
  DIR *dir = fdopendir(dup(fd));
  if (!dir) return errno;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(dir);
    if (!e) {
      int err = errno;
      closedir(dir);
      if (err) return err;
      break;
    }
    {
      const char *name = e->d_name;
      unsigned char d_type = e->d_type;
#endif
      if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
      if (s->n_entries == s->cap_entries) {
        size_t cap = s->cap_entries ? s->cap_entries * 2 : 256;
        Entry *p = realloc(s->entries, cap * sizeof *p);
        if (!p) return ENOMEM;
        s->entries = p;
        s->cap_entries = cap;
      }
      s->entries[s->n_entries++] = (Entry){s->pool.len, entry_type(fd, name, d_type)};
      bytes_put_name(&s->pool, name, strlen(name));
      if (s->pool.failed) return ENOMEM;
    }
  }
  return 0;
}

/**
 * Read one directory: its entries in byte order of their names (as Node's readdir gives them: libuv sorts with
 * strcmp), sorted into kept files, subdirectories (to `pending`) and links.
 */
static void read_dir(Walk *w, Dir *d, Scratch *s, Pending **pending, size_t *n_pending, size_t *cap_pending, Bytes *dirs_names, Bytes *links_names) {
  char *abs = join_path(w->root, w->root_len, d->rel, d->rel_len);
  if (!abs) {
    d->err = ENOMEM;
    return;
  }
  /* Stat before reading (as src/scan/walk.ts does): a change between the two leaves a listing newer than its stamp. */
  int fd = open(abs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(abs);
  if (fd < 0) {
    d->err = errno;
    return;
  }
  if (w->want_stat) {
    struct stat st;
    if (fstat(fd, &st) == 0) stat_fields(&st, d->stat);
  }
  d->err = list_entries(fd, s);
  close(fd);
  if (d->err) return;
  /*
   * The pool is complete: names can be pointed at. Only the names kept are sorted (kept files, then subdirectories,
   * then links, each group in byte order): on a kernel tree that is about one entry in eight.
   */
  if (s->n_entries > s->cap_sorted) {
    const char **p = realloc(s->sorted, s->n_entries * sizeof *p);
    if (!p) {
      d->err = ENOMEM;
      return;
    }
    s->sorted = p;
    s->cap_sorted = s->n_entries;
  }
  const Rules *r = w->rules;
  size_t n_files = 0, n_dirs = 0, n_links = 0;
  for (size_t i = 0; i < s->n_entries; i++) {
    const char *name = s->pool.data + s->entries[i].off;
    int type = s->entries[i].type;
    if (type == T_DIR) {
      if (!in_list(r->skip_dirs, r->n_skip_dirs, name)) n_dirs++;
    } else if (type == T_FILE) {
      d->file_count++;
      if (d->all || r->keep_all || wanted_name(r, name, strlen(name))) n_files++;
    } else if (type == T_LINK) {
      n_links++;
    }
  }
  /* Second pass: each kept name into its group's place in `sorted`. */
  const char **files = s->sorted, **subdirs = s->sorted + n_files, **links = subdirs + n_dirs;
  size_t f = 0, g = 0, l = 0;
  for (size_t i = 0; i < s->n_entries; i++) {
    const char *name = s->pool.data + s->entries[i].off;
    int type = s->entries[i].type;
    if (type == T_DIR) {
      if (!in_list(r->skip_dirs, r->n_skip_dirs, name)) subdirs[g++] = name;
    } else if (type == T_FILE) {
      if (d->all || r->keep_all || wanted_name(r, name, strlen(name))) files[f++] = name;
    } else if (type == T_LINK) {
      links[l++] = name;
    }
  }
  qsort(files, n_files, sizeof *files, by_name);
  qsort(subdirs, n_dirs, sizeof *subdirs, by_name);
  qsort(links, n_links, sizeof *links, by_name);
  dirs_names->len = 0;
  links_names->len = 0;
  for (size_t i = 0; i < n_files; i++) bytes_put_name(&d->names, files[i], strlen(files[i]));
  d->n_files = (uint32_t)n_files;
  for (size_t i = 0; i < n_dirs; i++) {
    const char *name = subdirs[i];
    size_t len = strlen(name);
    if (*n_pending == *cap_pending) {
      size_t cap = *cap_pending ? *cap_pending * 2 : 64;
      Pending *p = realloc(*pending, cap * sizeof *p);
      if (!p) {
        w->failed = 1;
        return;
      }
      *pending = p;
      *cap_pending = cap;
    }
    size_t rl = d->rel_len ? d->rel_len + 1 + len : len;
    char *rel = malloc(rl + 1);
    if (!rel) {
      w->failed = 1;
      return;
    }
    if (d->rel_len) {
      memcpy(rel, d->rel, d->rel_len);
      rel[d->rel_len] = '/';
      memcpy(rel + d->rel_len + 1, name, len + 1);
    } else {
      memcpy(rel, name, len + 1);
    }
    int all = d->all || in_list(r->dir_names, r->n_dir_names, name) || in_list(r->dir_paths, r->n_dir_paths, rel);
    (*pending)[(*n_pending)++] = (Pending){rel, rl, all};
    bytes_put_name(dirs_names, name, len);
    d->n_dirs++;
  }
  for (size_t i = 0; i < n_links; i++) {
    bytes_put_name(links_names, links[i], strlen(links[i]));
    d->n_links++;
  }
  bytes_put(&d->names, dirs_names->data ? dirs_names->data : "", dirs_names->len);
  bytes_put(&d->names, links_names->data ? links_names->data : "", links_names->len);
  if (d->names.failed || dirs_names->failed || links_names->failed) w->failed = 1;
}

static void *walk_thread(void *arg) {
  Walk *w = arg;
  Pending *pending = NULL;
  size_t n_pending = 0, cap_pending = 0;
  Bytes dirs_names = {0}, links_names = {0};
  Scratch scratch = {0};
  for (;;) {
    pthread_mutex_lock(&w->mu);
    while (w->n_stack == 0 && w->active > 0 && !w->failed) pthread_cond_wait(&w->cv, &w->mu);
    if (w->n_stack == 0 || w->failed) {
      pthread_cond_broadcast(&w->cv);
      pthread_mutex_unlock(&w->mu);
      break;
    }
    Dir *d = w->stack[--w->n_stack];
    w->active++;
    pthread_mutex_unlock(&w->mu);

    n_pending = 0;
    read_dir(w, d, &scratch, &pending, &n_pending, &cap_pending, &dirs_names, &links_names);
    if (d->err) {
      /* Nothing of a directory that could not be read wholly is kept: the JavaScript side reads it again. */
      for (size_t i = 0; i < n_pending; i++) free(pending[i].rel);
      n_pending = 0;
      d->n_files = d->n_dirs = d->n_links = d->file_count = 0;
      d->names.len = 0;
    }

    pthread_mutex_lock(&w->mu);
    /* Subdirectories get consecutive ids, so a directory's record needs only the first. */
    d->first_child = (uint32_t)w->n_dirs;
    for (size_t i = 0; i < n_pending; i++) {
      if (!walk_add(w, pending[i].rel, pending[i].rel_len, pending[i].all)) {
        w->failed = 1;
        for (size_t j = i; j < n_pending; j++) free(pending[j].rel);
        break;
      }
    }
    w->active--;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
  }
  free(pending);
  free(dirs_names.data);
  free(links_names.data);
  free(scratch.pool.data);
  free(scratch.entries);
  free(scratch.sorted);
  free(scratch.dirents);
  return NULL;
}

static void free_walk(Walk *w) {
  for (size_t i = 0; i < w->n_dirs; i++) {
    free(w->dirs[i]->rel);
    free(w->dirs[i]->names.data);
    free(w->dirs[i]);
  }
  free(w->dirs);
  free(w->stack);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->cv);
}

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/** An error for the promise of a call that failed (out of memory, bad arguments). */
static void reject_with(napi_env env, napi_deferred deferred, const char *message) {
  napi_value msg, error;
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, NULL, msg, &error);
  napi_reject_deferred(env, deferred, error);
}

/** Resolve a promise with an object of two properties. */
static void resolve_with(napi_env env, napi_deferred deferred, const char *k1, napi_value v1, const char *k2, napi_value v2) {
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, k1, v1);
  napi_set_named_property(env, result, k2, v2);
  napi_resolve_deferred(env, deferred, result);
}

/** Queue `execute` on Node's thread pool and `complete` after it on the main thread; the promise they settle. */
static napi_value start_job(napi_env env, const char *name, napi_async_execute_callback execute, napi_async_complete_callback complete, void *data,
                            napi_async_work *work, napi_deferred *deferred) {
  napi_value promise, resource_name;
  napi_create_promise(env, deferred, &promise);
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &resource_name);
  napi_create_async_work(env, NULL, resource_name, execute, complete, data, work);
  napi_queue_async_work(env, *work);
  return promise;
}

/** Run `fn(arg)` on up to `n` threads (on this one when none can start), and wait for them all. */
static void run_threads(int n, void *(*fn)(void *), void *arg) {
  pthread_t t[MAX_THREADS];
  int started = 0;
  for (int i = 0; n > 1 && i < n && i < MAX_THREADS; i++) {
    if (pthread_create(&t[i], NULL, fn, arg) != 0) break;
    started++;
  }
  if (started == 0) fn(arg);
  for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
}

/** A Float64Array holding a copy of `count` doubles. */
static napi_status float64_array(napi_env env, const double *values, size_t count, napi_value *out) {
  void *data;
  napi_value buffer;
  napi_status st = napi_create_arraybuffer(env, (count ? count : 1) * sizeof(double), &data, &buffer);
  if (st != napi_ok) return st;
  if (count) memcpy(data, values, count * sizeof(double));
  return napi_create_typedarray(env, napi_float64_array, count, buffer, 0, out);
}

/** A NUL-joined list argument (string) into `list`/`n`; `keep` holds the storage to free. */
static int list_arg(napi_env env, napi_value v, const char ***list, size_t *n, char **keep) {
  size_t len;
  *keep = string_arg(env, v, &len);
  if (!*keep) return 0;
  *list = split_list(*keep, len, n);
  return *list != NULL;
}

/** A walk between the call that starts it and the promise it settles. */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  Walk w;
  Rules rules;
  char *root;
  char *keeps[6];
  int threads;
  /* The result, made off the main thread: names of every directory in id order, and WALK_META numbers each. */
  char *names;
  size_t names_len;
  double *meta;
} WalkJob;

#define WALK_META 10

static void free_walk_job(WalkJob *job) {
  free_walk(&job->w);
  free(job->root);
  for (int i = 0; i < 6; i++) free(job->keeps[i]);
  free(job->rules.names);
  free(job->rules.prefixes);
  free(job->rules.extensions);
  free(job->rules.dir_names);
  free(job->rules.dir_paths);
  free(job->rules.skip_dirs);
  free(job->names);
  free(job->meta);
  free(job);
}

/** The walk itself, on a thread of Node's pool: it starts the walk's own threads and waits for them. */
static void walk_execute(napi_env env, void *data) {
  WalkJob *job = data;
  Walk *w = &job->w;
  run_threads(job->threads, walk_thread, w);
  if (w->failed) return;
  size_t total = 0;
  for (size_t i = 0; i < w->n_dirs; i++) total += w->dirs[i]->names.len;
  job->names = malloc(total ? total : 1);
  job->meta = malloc((w->n_dirs ? w->n_dirs : 1) * WALK_META * sizeof(double));
  if (!job->names || !job->meta) {
    w->failed = 1;
    return;
  }
  size_t at = 0;
  for (size_t i = 0; i < w->n_dirs; i++) {
    Dir *d = w->dirs[i];
    if (d->names.len) memcpy(job->names + at, d->names.data, d->names.len);
    at += d->names.len;
    double *row = job->meta + i * WALK_META;
    row[0] = d->err;
    row[1] = d->n_files;
    row[2] = d->file_count;
    row[3] = d->n_dirs;
    row[4] = d->n_links;
    row[5] = d->first_child;
    for (int k = 0; k < 4; k++) row[6 + k] = d->stat[k];
  }
  job->names_len = total;
}

/** Back on the main thread: the numbers and names for JavaScript. */
static void walk_complete(napi_env env, napi_status status, void *data) {
  WalkJob *job = data;
  Walk *w = &job->w;
  napi_value meta, names;
  if (status != napi_ok || w->failed) {
    reject_with(env, job->deferred, "walk: out of memory");
  } else if (float64_array(env, job->meta, w->n_dirs * WALK_META, &meta) != napi_ok ||
             napi_create_string_utf8(env, job->names, job->names_len, &names) != napi_ok) {
    reject_with(env, job->deferred, "walk: out of memory");
  } else {
    resolve_with(env, job->deferred, "meta", meta, "names", names);
  }
  napi_delete_async_work(env, job->work);
  free_walk_job(job);
}

/**
 * walk(root, wantStat, threads, keepAll, names, prefixes, extensions, dirNames, dirPaths, skipDirs): a promise.
 * The lists are strings of NUL-joined names; threads 0 means one per core. It resolves to { meta: Float64Array,
 * names: string }: meta holds 10 numbers per directory, by id (the root is 0): err, nFiles, fileCount, nDirs,
 * nLinks, firstChild, size, mtimeMs, ctimeMs, ino (the last four NaN without a stat); names holds, directory after
 * directory, the kept file names, then the subdirectory names (their ids are firstChild, firstChild + 1, ...), then
 * the link names, each followed by a NUL.
 */
static napi_value Walk_(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  WalkJob *job = calloc(1, sizeof *job);
  if (!job) return throw_error(env, "walk: out of memory");
  pthread_mutex_init(&job->w.mu, NULL);
  pthread_cond_init(&job->w.cv, NULL);
  size_t root_len = 0;
  bool want_stat = false, keep_all = false;
  int32_t threads = 0;
  Rules *rules = &job->rules;
  int ok = argc == 10 && (job->root = string_arg(env, argv[0], &root_len)) != NULL &&
           napi_get_value_bool(env, argv[1], &want_stat) == napi_ok && napi_get_value_int32(env, argv[2], &threads) == napi_ok &&
           napi_get_value_bool(env, argv[3], &keep_all) == napi_ok && list_arg(env, argv[4], &rules->names, &rules->n_names, &job->keeps[0]) &&
           list_arg(env, argv[5], &rules->prefixes, &rules->n_prefixes, &job->keeps[1]) &&
           list_arg(env, argv[6], &rules->extensions, &rules->n_extensions, &job->keeps[2]) &&
           list_arg(env, argv[7], &rules->dir_names, &rules->n_dir_names, &job->keeps[3]) &&
           list_arg(env, argv[8], &rules->dir_paths, &rules->n_dir_paths, &job->keeps[4]) &&
           list_arg(env, argv[9], &rules->skip_dirs, &rules->n_skip_dirs, &job->keeps[5]);
  if (!ok) {
    free_walk_job(job);
    return throw_error(env, "walk: bad arguments");
  }
  rules->keep_all = keep_all;
  job->threads = thread_count(threads);
  Walk *w = &job->w;
  w->root = job->root;
  w->root_len = root_len;
  w->rules = rules;
  w->want_stat = want_stat;
  char *root_rel = calloc(1, 1);
  if (!root_rel || !walk_add(w, root_rel, 0, keep_all)) {
    free(root_rel);
    free_walk_job(job);
    return throw_error(env, "walk: out of memory");
  }
  return start_job(env, "gatewatch.walk", walk_execute, walk_complete, job, &job->work, &job->deferred);
}

/* ---------- reading files ---------- */

/** Numbers per file in what readFiles gives back. */
#define READ_META 8
/** Bits of a file's checks: a NUL byte in its first 8 KiB, valid UTF-8; markers found from bit 2 on. */
#define CHECK_NUL 1
#define CHECK_UTF8 2
#define MAX_MARKERS 24

/** Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), as Node's buffer.isUtf8. */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    /* ASCII eight bytes at a time. */
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
      if (c == 0xE0 && s[i + 1] < 0xA0) return 0; /* overlong */
      if (c == 0xED && s[i + 1] > 0x9F) return 0; /* surrogate */
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return 0;
      if (c == 0xF0 && s[i + 1] < 0x90) return 0; /* overlong */
      if (c == 0xF4 && s[i + 1] > 0x8F) return 0; /* above U+10FFFF */
      i += 4;
    } else {
      return 0;
    }
  }
  return 1;
}

/**
 * The paths a call works on: a root and its NUL-joined list of relative paths (split in place), taken a chunk at a
 * time by the call's threads (one lock per path would cost about as much as the work on it).
 */
typedef struct {
  char *root, *list;
  size_t root_len;
  const char **paths;
  size_t n;
  size_t next; /* the next path to take, under mu */
  int stop;    /* set under mu: no more paths are taken */
  pthread_mutex_t mu;
} Paths;

/** Paths from a call's `root` and `list` arguments; 0 when they are not strings (or memory ran out). */
static int paths_init(napi_env env, napi_value root, napi_value list, Paths *p) {
  size_t list_len = 0;
  pthread_mutex_init(&p->mu, NULL);
  return (p->root = string_arg(env, root, &p->root_len)) != NULL && (p->list = string_arg(env, list, &list_len)) != NULL &&
         (p->paths = split_list(p->list, list_len, &p->n)) != NULL;
}

static void paths_free(Paths *p) {
  free(p->paths);
  free(p->list);
  free(p->root);
  pthread_mutex_destroy(&p->mu);
}

/** The next `chunk` paths to work on, as [*from, *to); 0 when none are left or the work stopped. */
static int paths_take(Paths *p, size_t chunk, size_t *from, size_t *to) {
  pthread_mutex_lock(&p->mu);
  *from = p->next;
  *to = *from + chunk < p->n ? *from + chunk : p->n;
  p->next = *to;
  int more = *from < p->n && !p->stop;
  pthread_mutex_unlock(&p->mu);
  return more;
}

/** The absolute path of path `i` (NULL when memory ran out). */
static char *paths_abs(const Paths *p, size_t i) { return join_path(p->root, p->root_len, p->paths[i], strlen(p->paths[i])); }

/** A read of many files between the call that starts it and the promise it settles. */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  Paths p;
  int want_stat;
  int threads;
  int *arena_of;   /* per file: the arena (thread) that read it */
  size_t *offset;  /* per file: where its bytes start in that arena */
  double *meta;    /* READ_META per file: offset (in data), length, err, size, mtimeMs, ctimeMs, ino, checks */
  const char **markers; /* strings whose presence is reported (bits 2 and up of checks) */
  size_t n_markers;
  char *markers_list;
  Bytes arenas[MAX_THREADS];
  int n_arenas;
  int failed;
  /* The result, made off the main thread: every file's bytes in one block. */
  char *data;
  size_t data_len;
} Read;

typedef struct {
  Read *r;
  int arena;
} ReadThread;

/** Read one file into the arena, as src/scan/tree.ts readFromDisk does: with a stat, exactly its size; without, to the end. */
static void read_one(Read *r, size_t i, Bytes *arena) {
  double *row = r->meta + i * READ_META;
  for (int k = 3; k < 7; k++) row[k] = NAN;
  row[7] = 0;
  char *abs = paths_abs(&r->p, i);
  if (!abs) {
    row[2] = ENOMEM;
    return;
  }
  int fd = open(abs, O_RDONLY | O_CLOEXEC);
  free(abs);
  if (fd < 0) {
    row[2] = errno;
    return;
  }
  size_t start = arena->len;
  if (r->want_stat) {
    struct stat st;
    if (fstat(fd, &st) != 0) {
      row[2] = errno;
      close(fd);
      return;
    }
    double fields[4];
    stat_fields(&st, fields);
    for (int k = 0; k < 4; k++) row[3 + k] = fields[k];
    size_t size = (size_t)st.st_size;
    if (!bytes_reserve(arena, size)) {
      close(fd);
      return;
    }
    size_t got = 0;
    while (got < size) {
      ssize_t n = pread(fd, arena->data + start + got, size - got, (off_t)got);
      if (n < 0) {
        if (errno == EINTR) continue;
        row[2] = errno;
        break;
      }
      if (n == 0) break;
      got += (size_t)n;
    }
    arena->len = start + got;
  } else {
    for (;;) {
      if (!bytes_reserve(arena, 64 * 1024)) break;
      ssize_t n = pread(fd, arena->data + arena->len, arena->cap - arena->len, (off_t)(arena->len - start));
      if (n < 0) {
        if (errno == EINTR) continue;
        row[2] = errno;
        break;
      }
      if (n == 0) break;
      arena->len += (size_t)n;
    }
  }
  close(fd);
  if (row[2] != 0) arena->len = start;
  r->offset[i] = start;
  size_t len = arena->len - start;
  row[1] = (double)len;
  if (row[2] != 0 || len == 0) {
    row[7] = len == 0 ? CHECK_UTF8 : 0;
    return;
  }
  /* The checks src/scan/decode.ts and collect.ts would make, done here on this thread. */
  const char *bytes = arena->data + start;
  unsigned checks = 0;
  if (memchr(bytes, 0, len < 8192 ? len : 8192)) checks |= CHECK_NUL;
  if (valid_utf8((const unsigned char *)bytes, len)) checks |= CHECK_UTF8;
  for (size_t k = 0; k < r->n_markers; k++) {
    if (memmem(bytes, len, r->markers[k], strlen(r->markers[k]))) checks |= 1u << (2 + k);
  }
  row[7] = checks;
}

static void *read_thread(void *arg) {
  ReadThread *t = arg;
  Read *r = t->r;
  Bytes *arena = &r->arenas[t->arena];
  size_t from, to;
  while (paths_take(&r->p, 16, &from, &to)) {
    for (size_t i = from; i < to; i++) {
      r->arena_of[i] = t->arena;
      read_one(r, i, arena);
    }
    if (arena->failed) {
      pthread_mutex_lock(&r->p.mu);
      r->failed = r->p.stop = 1;
      pthread_mutex_unlock(&r->p.mu);
      break;
    }
  }
  return NULL;
}

static void free_read(Read *r) {
  for (int a = 0; a < MAX_THREADS; a++) free(r->arenas[a].data);
  free(r->arena_of);
  free(r->offset);
  free(r->meta);
  free(r->markers);
  free(r->markers_list);
  free(r->data);
  paths_free(&r->p);
  free(r);
}

static void read_execute(napi_env env, void *data) {
  Read *r = data;
  int nt = r->threads;
  /* Fewer threads for few files: starting one costs about as much as a few reads. */
  if ((size_t)nt > (r->p.n + 63) / 64) nt = (int)((r->p.n + 63) / 64);
  if (nt < 1) nt = 1;
  pthread_t t[MAX_THREADS];
  ReadThread args[MAX_THREADS];
  int started = 0;
  for (int i = 0; nt > 1 && i < nt; i++) {
    args[i] = (ReadThread){r, i};
    if (pthread_create(&t[i], NULL, read_thread, &args[i]) != 0) break;
    started++;
  }
  if (started == 0) {
    args[0] = (ReadThread){r, 0};
    read_thread(&args[0]);
    r->n_arenas = 1;
  } else {
    r->n_arenas = started;
  }
  for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
  if (r->failed) return;
  size_t base[MAX_THREADS], total = 0;
  for (int a = 0; a < r->n_arenas; a++) {
    base[a] = total;
    total += r->arenas[a].len;
  }
  r->data = malloc(total ? total : 1);
  if (!r->data) {
    r->failed = 1;
    return;
  }
  for (int a = 0; a < r->n_arenas; a++) {
    if (r->arenas[a].len) memcpy(r->data + base[a], r->arenas[a].data, r->arenas[a].len);
    free(r->arenas[a].data);
    r->arenas[a].data = NULL;
  }
  r->data_len = total;
  for (size_t i = 0; i < r->p.n; i++) r->meta[i * READ_META] = (double)(base[r->arena_of[i]] + r->offset[i]);
}

static void free_block(napi_env env, void *data, void *hint) { free(data); }

static void read_complete(napi_env env, napi_status status, void *data) {
  Read *r = data;
  napi_value buffer, meta;
  if (status != napi_ok || r->failed) {
    reject_with(env, r->deferred, "readFiles: out of memory");
  } else if (float64_array(env, r->meta, r->p.n * READ_META, &meta) != napi_ok ||
             napi_create_external_buffer(env, r->data_len, r->data, free_block, NULL, &buffer) != napi_ok) {
    reject_with(env, r->deferred, "readFiles: out of memory");
  } else {
    r->data = NULL; /* the buffer owns it now */
    resolve_with(env, r->deferred, "data", buffer, "meta", meta);
  }
  napi_delete_async_work(env, r->work);
  free_read(r);
}

/**
 * readFiles(root, paths, wantStat, threads, markers): paths and markers NUL-joined; threads 0 means one per core.
 * A promise of { data: Buffer, meta: Float64Array }: meta holds 8 numbers per file: offset and length of its bytes
 * in data, err (errno, 0 when read), size, mtimeMs, ctimeMs, ino of its stat (NaN without one), and its checks:
 * bit 0 a NUL byte in the first 8 KiB, bit 1 valid UTF-8, bit 2 + k marker k found.
 */
static napi_value ReadFiles_(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  Read *r = calloc(1, sizeof *r);
  if (!r) return throw_error(env, "readFiles: out of memory");
  bool want_stat = false;
  int32_t threads = 0;
  int ok = paths_init(env, argv[0], argv[1], &r->p) && argc == 5 && napi_get_value_bool(env, argv[2], &want_stat) == napi_ok &&
           napi_get_value_int32(env, argv[3], &threads) == napi_ok && list_arg(env, argv[4], &r->markers, &r->n_markers, &r->markers_list) &&
           r->n_markers <= MAX_MARKERS;
  if (!ok) {
    free_read(r);
    return throw_error(env, "readFiles: bad arguments");
  }
  r->want_stat = want_stat;
  r->threads = thread_count(threads);
  size_t n = r->p.n ? r->p.n : 1;
  r->arena_of = calloc(n, sizeof *r->arena_of);
  r->offset = calloc(n, sizeof *r->offset);
  r->meta = calloc(n * READ_META, sizeof *r->meta);
  if (!r->arena_of || !r->offset || !r->meta) {
    free_read(r);
    return throw_error(env, "readFiles: out of memory");
  }
  return start_job(env, "gatewatch.readFiles", read_execute, read_complete, r, &r->work, &r->deferred);
}

/* ---------- stats ---------- */

#define STAT_META 6

/** A stat of many paths between the call that starts it and the promise it settles. */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  Paths p;
  int threads;
  double *meta; /* STAT_META per path: err, kind (1 file, 2 directory, 0 other), size, mtimeMs, ctimeMs, ino */
} StatJob;

/** Stat one path as Node's statSync does (following symbolic links). */
static void stat_one(StatJob *j, size_t i) {
  double *row = j->meta + i * STAT_META;
  for (int k = 2; k < STAT_META; k++) row[k] = NAN;
  row[1] = 0;
  char *abs = paths_abs(&j->p, i);
  if (!abs) {
    row[0] = ENOMEM;
    return;
  }
  struct stat st;
  if (stat(abs, &st) != 0) {
    row[0] = errno;
  } else {
    row[0] = 0;
    row[1] = S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 0;
    stat_fields(&st, row + 2);
  }
  free(abs);
}

static void *stat_thread(void *arg) {
  StatJob *j = arg;
  size_t from, to;
  while (paths_take(&j->p, 64, &from, &to)) {
    for (size_t i = from; i < to; i++) stat_one(j, i);
  }
  return NULL;
}

static void free_stat_job(StatJob *j) {
  free(j->meta);
  paths_free(&j->p);
  free(j);
}

static void stat_execute(napi_env env, void *data) {
  StatJob *j = data;
  int nt = j->threads;
  /* Fewer threads for few paths: starting one costs about as much as a few dozen stats. */
  if ((size_t)nt > (j->p.n + 255) / 256) nt = (int)((j->p.n + 255) / 256);
  run_threads(nt, stat_thread, j);
}

static void stat_complete(napi_env env, napi_status status, void *data) {
  StatJob *j = data;
  napi_value meta;
  if (status != napi_ok || float64_array(env, j->meta, j->p.n * STAT_META, &meta) != napi_ok) {
    reject_with(env, j->deferred, "statPaths: out of memory");
  } else {
    napi_resolve_deferred(env, j->deferred, meta);
  }
  napi_delete_async_work(env, j->work);
  free_stat_job(j);
}

/**
 * statPaths(root, paths, threads): paths NUL-joined and relative to root (none may be empty: `.` is the root);
 * threads 0 means one per core. A promise of a Float64Array of 6 numbers per path: err (errno, 0 when stat'ed),
 * kind (1 a file, 2 a directory, 0 anything else), then size, mtimeMs, ctimeMs and ino as Node's Stats holds them
 * (NaN on error). Symbolic links are followed, as by Node's statSync.
 */
static napi_value StatPaths_(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  StatJob *j = calloc(1, sizeof *j);
  if (!j) return throw_error(env, "statPaths: out of memory");
  int32_t threads = 0;
  int ok = paths_init(env, argv[0], argv[1], &j->p) && argc == 3 && napi_get_value_int32(env, argv[2], &threads) == napi_ok;
  if (!ok) {
    free_stat_job(j);
    return throw_error(env, "statPaths: bad arguments");
  }
  j->threads = thread_count(threads);
  j->meta = calloc((j->p.n ? j->p.n : 1) * STAT_META, sizeof *j->meta);
  if (!j->meta) {
    free_stat_job(j);
    return throw_error(env, "statPaths: out of memory");
  }
  return start_job(env, "gatewatch.statPaths", stat_execute, stat_complete, j, &j->work, &j->deferred);
}

NAPI_MODULE_INIT() {
  napi_value walk, read_files;
  napi_create_function(env, "walk", NAPI_AUTO_LENGTH, Walk_, NULL, &walk);
  napi_create_function(env, "readFiles", NAPI_AUTO_LENGTH, ReadFiles_, NULL, &read_files);
  napi_set_named_property(env, exports, "walk", walk);
  napi_set_named_property(env, exports, "readFiles", read_files);
  napi_value stat_paths;
  napi_create_function(env, "statPaths", NAPI_AUTO_LENGTH, StatPaths_, NULL, &stat_paths);
  napi_set_named_property(env, exports, "statPaths", stat_paths);
  return exports;
}
