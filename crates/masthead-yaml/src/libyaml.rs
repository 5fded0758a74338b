//! The only unsafe code in masthead: a safe event iterator over
//! `unsafe-libyaml`, the Rust translation of libyaml 0.2.5 — the same parser
//! that Ruby's Psych (and so Jekyll) uses, which is why masthead accepts
//! exactly what Jekyll accepts. See docs/decisions/0001-yaml-parser.md.
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_sys;

/// A position libyaml reports: byte index into the input, 0-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) index: usize,
}

impl Mark {
    fn from_sys(mark: unsafe_sys::yaml_mark_t) -> Self {
        Mark {
            index: usize::try_from(mark.index).unwrap_or(usize::MAX),
        }
    }
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// One parser event, owning its data.
#[derive(Debug)]
pub(crate) enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias {
        anchor: String,
    },
    Scalar {
        anchor: Option<String>,
        tag: Option<String>,
        value: String,
        style: Style,
    },
    SequenceStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    SequenceEnd,
    MappingStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    MappingEnd,
}

/// What libyaml said when it stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) problem: String,
    pub(crate) problem_mark: Mark,
    pub(crate) context: Option<(String, Mark)>,
}

/// Owns the libyaml parser state and the input it points into. Both live in
/// boxes so their addresses stay fixed while libyaml holds pointers to them.
pub(crate) struct Parser {
    sys: Box<MaybeUninit<unsafe_sys::yaml_parser_t>>,
    // Never read from Rust again: libyaml holds a pointer into it.
    _input: Box<[u8]>,
    done: bool,
}

impl Parser {
    /// A parser over UTF-8 `input`.
    pub(crate) fn new(input: &str) -> Self {
        let input: Box<[u8]> = input.as_bytes().into();
        let mut sys = Box::new(MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit());
        // SAFETY: `yaml_parser_initialize` fully initialises the struct it is
        // given (it zeroes it first). It fails only when allocation fails,
        // which in Rust aborts anyway. The input buffer is boxed and owned by
        // the returned Parser, so the pointer given to libyaml stays valid and
        // unmoved for the parser's whole life.
        unsafe {
            let parser = sys.as_mut_ptr();
            if unsafe_sys::yaml_parser_initialize(parser).fail {
                std::process::abort();
            }
            unsafe_sys::yaml_parser_set_encoding(parser, unsafe_sys::YAML_UTF8_ENCODING);
            unsafe_sys::yaml_parser_set_input_string(parser, input.as_ptr(), input.len() as u64);
        }
        Parser {
            sys,
            _input: input,
            done: false,
        }
    }

    /// The next event and its start and end marks, or libyaml's error.
    pub(crate) fn next_event(&mut self) -> Result<(Event, Mark, Mark), ParseError> {
        if self.done {
            return Ok((Event::StreamEnd, Mark::default(), Mark::default()));
        }
        let mut event = MaybeUninit::<unsafe_sys::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; `yaml_parser_parse`
        // either fills `event` (then we copy what we need out of it and free
        // it with `yaml_event_delete`) or fails, leaving the error fields set.
        unsafe {
            let parser = self.sys.as_mut_ptr();
            if (&*parser).error != unsafe_sys::YAML_NO_ERROR
                || unsafe_sys::yaml_parser_parse(parser, event.as_mut_ptr()).fail
            {
                self.done = true;
                return Err(error_of(parser));
            }
            let event = event.as_mut_ptr();
            let start = Mark::from_sys((*event).start_mark);
            let end = Mark::from_sys((*event).end_mark);
            let converted = convert(&*event);
            unsafe_sys::yaml_event_delete(event);
            if matches!(converted, Event::StreamEnd) {
                self.done = true;
            }
            Ok((converted, start, end))
        }
    }
}

impl Drop for Parser {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`; deleted exactly once here.
        unsafe { unsafe_sys::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

/// Copies libyaml's error fields out of the parser.
///
/// SAFETY: `parser` must point to an initialised parser.
unsafe fn error_of(parser: *const unsafe_sys::yaml_parser_t) -> ParseError {
    // SAFETY: problem and context are NULL or static C strings in libyaml.
    unsafe {
        let parser = &*parser;
        let problem = c_string(parser.problem).unwrap_or_else(|| "invalid YAML".to_string());
        let context = c_string(parser.context).map(|c| (c, Mark::from_sys(parser.context_mark)));
        ParseError {
            problem,
            problem_mark: Mark::from_sys(parser.problem_mark),
            context,
        }
    }
}

/// SAFETY: `ptr` must be NULL or a NUL-terminated string.
unsafe fn c_string(ptr: *const std::ffi::c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated per the caller.
    Some(
        unsafe { CStr::from_ptr(ptr) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// SAFETY: `ptr` must be NULL or a NUL-terminated string owned by the event.
unsafe fn owned(ptr: *const u8) -> Option<String> {
    // SAFETY: as the caller promises.
    unsafe { c_string(ptr.cast()) }
}

/// SAFETY: `event` must be a valid event just returned by the parser.
unsafe fn convert(event: &unsafe_sys::yaml_event_t) -> Event {
    // SAFETY: each union field is read only for the event type that sets it.
    unsafe {
        match event.type_ {
            unsafe_sys::YAML_STREAM_START_EVENT => Event::StreamStart,
            unsafe_sys::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
            unsafe_sys::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
            unsafe_sys::YAML_ALIAS_EVENT => Event::Alias {
                anchor: owned(event.data.alias.anchor).unwrap_or_default(),
            },
            unsafe_sys::YAML_SCALAR_EVENT => {
                let data = event.data.scalar;
                let bytes = if data.value.is_null() {
                    &[][..]
                } else {
                    std::slice::from_raw_parts(data.value, data.length as usize)
                };
                Event::Scalar {
                    anchor: owned(data.anchor),
                    tag: owned(data.tag),
                    // The input was UTF-8 and libyaml only copies or unescapes
                    // it, but an escape like "\xff" can produce a lone byte.
                    value: String::from_utf8_lossy(bytes).into_owned(),
                    style: match data.style {
                        unsafe_sys::YAML_SINGLE_QUOTED_SCALAR_STYLE => Style::SingleQuoted,
                        unsafe_sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE => Style::DoubleQuoted,
                        unsafe_sys::YAML_LITERAL_SCALAR_STYLE => Style::Literal,
                        unsafe_sys::YAML_FOLDED_SCALAR_STYLE => Style::Folded,
                        _ => Style::Plain,
                    },
                }
            }
            unsafe_sys::YAML_SEQUENCE_START_EVENT => Event::SequenceStart {
                anchor: owned(event.data.sequence_start.anchor),
                tag: owned(event.data.sequence_start.tag),
            },
            unsafe_sys::YAML_SEQUENCE_END_EVENT => Event::SequenceEnd,
            unsafe_sys::YAML_MAPPING_START_EVENT => Event::MappingStart {
                anchor: owned(event.data.mapping_start.anchor),
                tag: owned(event.data.mapping_start.tag),
            },
            unsafe_sys::YAML_MAPPING_END_EVENT => Event::MappingEnd,
            // STREAM_END, and NO_EVENT which the parser never returns on success.
            _ => Event::StreamEnd,
        }
    }
}
