//! Raw front matter: what a file says, typed, with its real-world variants.
//!
//! Every field is optional here, because a file may omit anything; what is
//! *required* is decided when a document is resolved, where a missing field
//! becomes a diagnostic instead of a failed parse. Keys a type does not know
//! go to `extra`, in file order, so nothing a user wrote is dropped.

use crate::date::DateValue;
use crate::value::Map;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value written either as a single item or as a list (`category: news` or
/// `category: [news, events]`). Keeps which form the file used.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// A list of values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice-like list, whichever form was written.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany<String>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Empty items (`- ` with nothing after it) are dropped, as
                // Jekyll's `Array#compact` drops nil.
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Option<ScalarString>>()? {
                    items.extend(item.map(|i| i.0));
                }
                Ok(OneOrMany::Many(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// A list item that must be a scalar; numbers are kept as their text.
struct ScalarString(String);

impl<'de> Deserialize<'de> for ScalarString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalarString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
        }
        d.deserialize_string(V)
    }
}

/// A boolean the CMS may have written as a string (`archive: "true"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LooseBool {
    /// A YAML boolean (`true`, `false`, `yes`, `no`, `on`, `off`).
    Bool(bool),
    /// A string, meant as a boolean when it reads `"true"` or `"false"`.
    Text(String),
}

impl LooseBool {
    /// The boolean meant: a real boolean, or the strings `true`/`false` in any case.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            LooseBool::Bool(b) => Some(*b),
            LooseBool::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
        }
    }

    /// Whether it was written as a string rather than a YAML boolean.
    pub fn is_text(&self) -> bool {
        matches!(self, LooseBool::Text(_))
    }
}

impl<'de> Deserialize<'de> for LooseBool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LooseBool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(LooseBool::Bool(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LooseBool::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Declares a front-matter struct with the fields every post-like type shares
/// (post, event), plus its own, so the shared list is written once.
macro_rules! post_like {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub struct $name {
            /// Template name, usually from the collection's defaults.
            #[schemars(example = &"news")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub layout: Option<String>,
            /// Headline. Required for posts and events.
            #[schemars(example = &"Relaunching the network chairs forum")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub title: Option<String>,
            /// Summary shown in lists and feeds.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub excerpt: Option<String>,
            /// Publish date; overrides the filename date.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub date: Option<DateValue>,
            /// Display name of the author ("Jane Doe") or the organisation.
            #[schemars(example = &"Alex Morgan")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub author: Option<String>,
            /// Topic slugs; a list, sometimes a single string.
            #[schemars(example = &"network-chairs")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub category: Option<OneOrMany<String>>,
            /// Jekyll's plural form of `category` (space-separated when a string).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub categories: Option<OneOrMany<String>>,
            /// Lead image: an absolute URL or a site path.
            #[schemars(extend("format" = "uri-reference"), example = &"/images/store/pride-2022/picnic.jpg")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub image: Option<String>,
            /// Alternative text for `image`.
            #[serde(default, rename = "image-alt", skip_serializing_if = "Option::is_none")]
            pub image_alt: Option<String>,
            /// A YouTube URL.
            #[schemars(url, example = &"https://www.youtube.com/watch?v=aaaaaaaaaaa")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub video: Option<String>,
            /// Overrides the collection's permalink pattern for this document.
            #[schemars(example = &"/:collection/:year/:month/:day/:title")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub permalink: Option<String>,
            /// Overrides the filename slug in permalinks (`:title`, `:slug`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub slug: Option<String>,
            /// Old paths that should redirect here.
            #[schemars(example = &"/pride-2022")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub redirect_from: Option<OneOrMany<String>>,
            /// Makes this document a redirect; only the first entry counts.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub redirect_to: Option<OneOrMany<String>>,
            /// `false` keeps the document from being built.
            #[schemars(example = false)]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub published: Option<LooseBool>,
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Every key this type does not know, in file order.
            #[serde(skip_deserializing, skip_serializing_if = "Map::is_empty")]
            #[schemars(skip)]
            pub extra: Map,
        }
    };
}

post_like!(
    /// Front matter of a post (news, publications, notices, consultations…).
    PostFrontMatter {
        /// Consultations: where to respond.
        #[schemars(url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<String>,
        /// Consultations: when responses close.
        #[serde(default, rename = "end-date", skip_serializing_if = "Option::is_none")]
        end_date: Option<DateValue>,
    }
);

post_like!(
    /// Front matter of an event: post fields plus the `event` details.
    EventFrontMatter {
        /// When, where and how to register.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        event: Option<EventDetails>,
    }
);

/// The `event:` mapping of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct EventDetails {
    /// When it starts. Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<OptionalDate>,
    /// When it ends; the CMS writes `""` when there is no end time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<OptionalDate>,
    /// Registration deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<OptionalDate>,
    /// Who runs it (the network itself when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Where: an address, "Online", or both.
    #[schemars(example = &"Online (Microsoft Teams)")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Registration URL.
    #[schemars(url, example = &"https://www.example.org/register/pride-picnic")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Registration email address.
    #[schemars(email, example = &"events@example.org")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Free text instead of registering ("Just turn up.").
    #[serde(
        default,
        rename = "no-register",
        skip_serializing_if = "Option::is_none"
    )]
    pub no_register: Option<String>,
    /// Keys inside `event` this type does not know.
    #[serde(skip_deserializing, skip_serializing_if = "Map::is_empty")]
    #[schemars(skip)]
    pub extra: Map,
}

/// A date that may be written as an empty string to mean "none" (`end: ""`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum OptionalDate {
    /// A date.
    Date(DateValue),
    /// `""` (or only spaces): explicitly no date.
    Empty(String),
}

impl OptionalDate {
    /// The date, unless it was written empty.
    pub fn date(&self) -> Option<&DateValue> {
        match self {
            OptionalDate::Date(d) => Some(d),
            OptionalDate::Empty(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for OptionalDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(OptionalDate::Empty(text));
        }
        DateValue::parse(&text)
            .map(OptionalDate::Date)
            .map_err(de::Error::custom)
    }
}

/// An author's role in the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Role {
    /// Chair.
    #[serde(rename = "chair")]
    Chair,
    /// Interim chair.
    #[serde(rename = "interim chair")]
    InterimChair,
    /// Vice chair.
    #[serde(rename = "vice chair")]
    ViceChair,
    /// Interim vice chair.
    #[serde(rename = "interim vice chair")]
    InterimViceChair,
    /// Member of the project team.
    #[serde(rename = "project team")]
    ProjectTeam,
    /// Local organiser.
    #[serde(rename = "local organiser")]
    LocalOrganiser,
}

/// A UK nation or English region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Region {
    /// England as a whole.
    England,
    /// Scotland.
    Scotland,
    /// Wales.
    Wales,
    /// Northern Ireland.
    #[serde(rename = "Northern Ireland")]
    NorthernIreland,
    /// North East England.
    #[serde(rename = "North East")]
    NorthEast,
    /// North West England.
    #[serde(rename = "North West")]
    NorthWest,
    /// Yorkshire and the Humber.
    #[serde(rename = "Yorkshire and the Humber")]
    YorkshireAndTheHumber,
    /// East Midlands.
    #[serde(rename = "East Midlands")]
    EastMidlands,
    /// West Midlands.
    #[serde(rename = "West Midlands")]
    WestMidlands,
    /// East of England.
    #[serde(rename = "East of England")]
    EastOfEngland,
    /// London.
    London,
    /// South East England.
    #[serde(rename = "South East")]
    SouthEast,
    /// South West England.
    #[serde(rename = "South West")]
    SouthWest,
}

/// Front matter of an author (the site's `team` collection).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct AuthorFrontMatter {
    /// Template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// The name posts use in `author:`. Required.
    #[schemars(example = &"Alex Morgan")]
    #[serde(
        default,
        rename = "person-name",
        skip_serializing_if = "Option::is_none"
    )]
    pub person_name: Option<String>,
    /// Their role in the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Contact address.
    #[schemars(email)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// What they work on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Where they are based; `null` for nowhere in particular.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Former member; the CMS writes `"true"`/`"false"` strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<LooseBool>,
    /// Portrait: an absolute URL or a site path.
    #[schemars(extend("format" = "uri-reference"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Overrides the collection's permalink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Title of the page, when different from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Old paths that should redirect here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_from: Option<OneOrMany<String>>,
    /// Makes this page a redirect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_to: Option<OneOrMany<String>>,
    /// `false` keeps the page from being built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<LooseBool>,
    /// Every key this type does not know, in file order.
    #[serde(skip_deserializing, skip_serializing_if = "Map::is_empty")]
    #[schemars(skip)]
    pub extra: Map,
}

/// Front matter of a document in a collection mapped to no type: the few
/// keys Jekyll itself gives meaning to, everything else in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct GenericFrontMatter {
    /// Template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// Title, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Date, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateValue>,
    /// Topic slug(s) (topic pages carry the slug they describe).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<OneOrMany<String>>,
    /// Jekyll's plural form of `category`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<OneOrMany<String>>,
    /// Overrides the collection's permalink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Overrides the filename slug in permalinks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Old paths that should redirect here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_from: Option<OneOrMany<String>>,
    /// Makes this document a redirect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_to: Option<OneOrMany<String>>,
    /// `false` keeps the document from being built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<LooseBool>,
    /// Every other key, in file order.
    #[serde(skip_deserializing, skip_serializing_if = "Map::is_empty")]
    #[schemars(skip)]
    pub extra: Map,
}

/// A document's raw front matter in the shape of its type.
///
/// Each shape is boxed: a document is moved several times while a site
/// loads (out of its worker, into the site's list), and 16 bytes move much
/// faster than the largest shape's 900 (measured in docs/performance.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FrontMatter {
    /// A post.
    Post(Box<PostFrontMatter>),
    /// An event.
    Event(Box<EventFrontMatter>),
    /// An author.
    Author(Box<AuthorFrontMatter>),
    /// Any other document.
    Document(Box<GenericFrontMatter>),
}

impl FrontMatter {
    /// The keys this document's type does not know, in file order.
    pub fn extra(&self) -> &Map {
        match self {
            FrontMatter::Post(f) => &f.extra,
            FrontMatter::Event(f) => &f.extra,
            FrontMatter::Author(f) => &f.extra,
            FrontMatter::Document(f) => &f.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_bool_reads_strings_the_cms_writes() {
        assert_eq!(LooseBool::Text("true".into()).as_bool(), Some(true));
        assert_eq!(LooseBool::Text(" False ".into()).as_bool(), Some(false));
        assert_eq!(LooseBool::Text("maybe".into()).as_bool(), None);
        assert_eq!(LooseBool::Bool(false).as_bool(), Some(false));
    }

    #[test]
    fn one_or_many_reads_both_forms_from_json() {
        let one: OneOrMany<String> = serde_json::from_str("\"news\"").unwrap();
        let many: OneOrMany<String> = serde_json::from_str("[\"a\", \"b\"]").unwrap();
        assert_eq!(one.as_slice(), ["news".to_string()]);
        assert_eq!(many.as_slice(), ["a".to_string(), "b".to_string()]);
    }

    #[test]
    fn roles_and_regions_use_the_cms_spelling() {
        let role: Role = serde_json::from_str("\"interim vice chair\"").unwrap();
        assert_eq!(role, Role::InterimViceChair);
        let region: Region = serde_json::from_str("\"Yorkshire and the Humber\"").unwrap();
        assert_eq!(region, Region::YorkshireAndTheHumber);
    }
}
